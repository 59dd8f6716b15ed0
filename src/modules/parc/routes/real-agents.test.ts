import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { importEstablishments } from '../../referentiel/operations/import-establishments.js';
import { testDatabase } from '../../../test/database.js';
import { assets, inventorySettings } from '../db/schema.js';
import { agentInstalled, runAgent, type AgentName } from '../inventory/testing/run-agent.js';

/**
 * The real Debian agents (installed by .ci/run) against the real server on a loopback port:
 * each run must leave one device, with the agent's serial, memory and software, at the tagged school.
 */
const uai = '0590001F';
let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
let tenantId: string;
const workDir = mkdtempSync(join(tmpdir(), 'coherence-agents-'));

beforeAll(async () => {
  database = await testDatabase();
  const ctx = systemCtx(database.db);
  tenantId = (await createOrganization(ctx, { code: 'region-agents', kind: 'region', name: 'Région des agents' })).tenantId;
  const lycee = JSON.stringify({ meta: {}, lycees: [{ uai, nom: 'Lycée des agents', ville: 'Lille', codeDept: '59', academie: 'Lille', region: 'Hauts-De-France', secteur: 'public', type: 'GT' }] });
  await importEstablishments(ctx, database, { tenantId, bytes: Buffer.from(lycee), filename: 'l.json', mode: 'apply-valid' });
  await database.db.insert(inventorySettings).values({ tenantId, acceptTaggedAgents: true });
  app = await buildApp({ database, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** This machine's memory as Linux reports it (MemTotal, in kB), in MB. */
function systemMemoryMb(): number {
  const kb = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

const cases: [AgentName, string][] = [
  ['fusioninventory', '/front/inventory.php'],
  ['ocs', '/ocsinventory'],
];

describe.each(cases)('the real %s agent', (agent, path) => {
  it.runIf(agentInstalled(agent))(`sends its inventory to ${path} and the device shows up at its school`, async () => {
    const log = await runAgent(agent, `${url}${path}`, { tag: uai, workDir });
    const devices = await database.db.select().from(assets).where(and(eq(assets.tenantId, tenantId)));
    const device = devices.find((d) => (d.hardware as { agent?: { source?: string } }).agent?.source === (agent === 'ocs' ? 'ocs' : 'fusioninventory'));
    expect(device, log.slice(-2000)).toBeDefined();
    expect(device!.establishmentId).not.toBeNull();
    // the total the system reports (both agents read /proc/meminfo), not a sum of modules
    expect(Math.abs(device!.memoryMb! - systemMemoryMb())).toBeLessThanOrEqual(2);
    expect(device!.softwareCount).toBeGreaterThan(100);
    expect(device!.name).toBeTruthy();
    // a second run of the same agent updates the same device
    await runAgent(agent, `${url}${path}`, { tag: uai, workDir });
    const again = await database.db.select().from(assets).where(eq(assets.tenantId, tenantId));
    expect(again.filter((d) => d.agentDeviceId === device!.agentDeviceId)).toHaveLength(1);
  });
});
