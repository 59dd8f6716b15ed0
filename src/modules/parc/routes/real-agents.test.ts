import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { importEstablishments } from '../../referentiel/operations/import-establishments.js';
import { testDatabase } from '../../../test/database.js';
import { assets, inventorySettings } from '../db/schema.js';
import { normalizeSerial } from '../inventory/match-keys.js';
import { agentInstalled, runAgent, type AgentName } from '../inventory/testing/run-agent.js';

/**
 * The real Debian agents (installed by .ci/run) against the real server on a loopback port,
 * through a relay that keeps what each agent sent: each run must leave one device at the tagged
 * school, with the serial the agent sent (the machine's own, when it has one), the system's memory
 * and as many software as the distinct packages in the agent's inventory. In CI (CI set) an agent
 * that is missing or cannot run fails the test; elsewhere its test is skipped.
 */
const uai = '0590001F';
let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
let tenantId: string;
let relay: Server;
let relayUrl: string;
/** The bodies the agents sent, as they sent them. */
const sent: Buffer[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'coherence-agents-'));

beforeAll(async () => {
  database = await testDatabase();
  const ctx = systemCtx(database);
  tenantId = (await createOrganization(ctx, { code: 'region-agents', kind: 'region', name: 'Région des agents' })).tenantId;
  const lycee = JSON.stringify({ meta: {}, lycees: [{ uai, nom: 'Lycée des agents', ville: 'Lille', codeDept: '59', academie: 'Lille', region: 'Hauts-De-France', secteur: 'public', type: 'GT' }] });
  await importEstablishments(ctx, { tenantId, bytes: Buffer.from(lycee), filename: 'l.json', mode: 'apply-valid' });
  await database.db.insert(inventorySettings).values({ tenantId, acceptTaggedAgents: true });
  app = await buildApp({ database, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  relay = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      sent.push(body);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'user-agent', 'authorization']) if (request.headers[name]) headers[name] = String(request.headers[name]);
      fetch(`${url}${request.url}`, { method: request.method, headers, body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body })
        .then(async (upstream) => {
          const reply = Buffer.from(await upstream.arrayBuffer());
          const out: Record<string, string> = {};
          for (const name of ['content-type', 'www-authenticate']) if (upstream.headers.get(name)) out[name] = upstream.headers.get(name)!;
          response.writeHead(upstream.status, out).end(reply);
        })
        .catch((error: Error) => response.writeHead(502).end(error.message));
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await app.close();
  await database.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** This machine's memory as Linux reports it (MemTotal, in kB), in MB. */
function systemMemoryMb(): number {
  const kb = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

/** The machine's own serial (root may read it), null when it has none (containers, most VMs). */
function machineSerial(): string | null {
  try {
    return normalizeSerial(readFileSync('/sys/class/dmi/id/product_serial', 'utf8'));
  } catch {
    return null;
  }
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();
const tag = (block: string, name: string) => {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(block);
  return m ? decodeXml(m[1]) || null : null;
};
/** SMBIOS fillers the module does not keep as a serial. */
const placeholderSerial = /^(to be filled by o\.e\.m\.|default string|system serial number|not specified|none|0+)$/i;

/** The last INVENTORY an agent sent through the relay: its device id, serial and distinct packages. */
function lastInventorySent() {
  const texts = sent.map((body) => {
    try {
      return inflateSync(body).toString('utf8');
    } catch {
      return body.toString('utf8');
    }
  });
  const xml = texts.filter((text) => /<QUERY>INVENTORY<\/QUERY>/.test(text)).at(-1);
  expect(xml, 'the agent sent no INVENTORY').toBeDefined();
  const bios = /<BIOS>([\s\S]*?)<\/BIOS>/.exec(xml!)?.[1] ?? '';
  const packages = new Set([...xml!.matchAll(/<SOFTWARES>([\s\S]*?)<\/SOFTWARES>/g)].map((m) => `${tag(m[1], 'NAME')}\u0000${tag(m[1], 'VERSION') ?? ''}`));
  const serial = tag(bios, 'SSN');
  return { deviceId: tag(xml!, 'DEVICEID'), serial: serial && !placeholderSerial.test(serial) ? normalizeSerial(serial) : null, packages: packages.size };
}

const cases: [AgentName, string][] = [
  ['fusioninventory', '/front/inventory.php'],
  ['ocs', '/ocsinventory'],
];
const inCi = Boolean(process.env.CI);

describe.each(cases)('the real %s agent', (agent, path) => {
  const runnable = agentInstalled(agent);
  // in CI the agents are installed by .ci/run: one missing or not runnable is a failure, not a skip
  (runnable || inCi ? it : it.skip)(`sends its inventory to ${path} and the device shows up at its school`, async () => {
    expect(runnable, `${agent} n'est pas installé ou pas exécutable (paquet Debian, droits, configuration)`).toBe(true);
    sent.length = 0;
    const log = await runAgent(agent, `${relayUrl}${path}`, { tag: uai, workDir });
    const agentSent = lastInventorySent();
    const devices = await database.db.select().from(assets).where(and(eq(assets.tenantId, tenantId)));
    const device = devices.find((d) => (d.hardware as { agent?: { source?: string } }).agent?.source === (agent === 'ocs' ? 'ocs' : 'fusioninventory'));
    expect(device, log.slice(-2000)).toBeDefined();
    expect(device!.agentDeviceId).toBe(agentSent.deviceId);
    expect(device!.establishmentId).not.toBeNull();
    // the serial the agent sent (null when the machine has none), and the machine's own when it can be read
    expect(normalizeSerial(device!.serial)).toBe(agentSent.serial);
    const own = machineSerial();
    if (own && !placeholderSerial.test(own)) expect(normalizeSerial(device!.serial)).toBe(own);
    // the total the system reports (both agents read /proc/meminfo), not a sum of modules
    expect(Math.abs(device!.memoryMb! - systemMemoryMb())).toBeLessThanOrEqual(2);
    // every distinct package (name and version) the agent listed, no more, no less
    expect(agentSent.packages).toBeGreaterThan(100);
    expect(device!.softwareCount).toBe(agentSent.packages);
    expect(device!.name).toBeTruthy();
    // a second run of the same agent updates the same device
    await runAgent(agent, `${relayUrl}${path}`, { tag: uai, workDir });
    const again = await database.db.select().from(assets).where(eq(assets.tenantId, tenantId));
    expect(again.filter((d) => d.agentDeviceId === device!.agentDeviceId)).toHaveLength(1);
  });
});
