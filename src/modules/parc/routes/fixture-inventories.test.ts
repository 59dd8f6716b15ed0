import { readdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { and, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { hashPassword } from '../../access/passwords.js';
import { agentCredentials, assetSoftware, assets, software } from '../db/schema.js';
import { normalizeSerial } from '../inventory/match-keys.js';
import { softwareKey } from '../inventory/software-key.js';
import { fixtureBytes, fixtureText, fusionFile } from '../inventory/testing/fixtures.js';

/**
 * Every file of the real agent data (fixtures/inventory, copied from ../shared/data/inventory)
 * through the agent endpoints of the running app, then read back through GET /api/assets/{id}:
 * the serial, the memory and the number of software read from the file itself. Then the same
 * inventory 1,000 times: one device, no duplicate software line.
 */
let t: TestApp;
let basic: string;

beforeAll(async () => {
  t = await testApp();
  const username = `${t.ids.a.code}/fixtures`;
  await t.ctx.db.insert(agentCredentials).values({ tenantId: t.ids.a.tenantId, username, passwordHash: await hashPassword('Fixtures-Agents-2026'), label: 'Fixtures' });
  basic = `Basic ${Buffer.from(`${username}:Fixtures-Agents-2026`).toString('base64')}`;
});
afterAll(() => t.close());

const tenantId = () => t.ids.a.tenantId;
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();
const tag = (block: string, name: string) => {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(block);
  return m ? decode(m[1]) || null : null;
};

/**
 * What the file says, read apart from the module's parsers: the serial, the memory (the total the
 * system reports, else the sum of the memory modules, as the module documents it) and the distinct
 * products × versions.
 */
interface Expected {
  serial: string | null;
  memoryMb: number | null;
  software: number;
}

function distinctSoftware(entries: { name: string | null; version: string | null }[]): number {
  const keys = new Set<string>();
  for (const e of entries) if (e.name) keys.add(`${softwareKey({ name: e.name, version: e.version }).key}\u0000${e.version ?? ''}`);
  return keys.size;
}

function expectedFromXml(xml: string): Expected {
  const content = xml.slice(xml.indexOf('<CONTENT>'));
  const bios = /<BIOS>([\s\S]*?)<\/BIOS>/.exec(content)?.[1] ?? '';
  const hardware = /<HARDWARE>([\s\S]*?)<\/HARDWARE>/.exec(content)?.[1] ?? '';
  const softwares = [...content.matchAll(/<SOFTWARES>([\s\S]*?)<\/SOFTWARES>/g)].map((m) => ({ name: tag(m[1], 'NAME'), version: tag(m[1], 'VERSION') }));
  const modules = [...content.matchAll(/<MEMORIES>([\s\S]*?)<\/MEMORIES>/g)].reduce((sum, m) => sum + (Number(tag(m[1], 'CAPACITY')) || 0), 0);
  const memory = Number(tag(hardware, 'MEMORY')) || null;
  return { serial: normalizeSerial(tag(bios, 'SSN')), memoryMb: memory || modules || null, software: distinctSoftware(softwares) };
}

function expectedFromJson(json: string): Expected {
  const content = JSON.parse(json).content;
  const softwares = (content.softwares ?? []).map((s: { name?: string; version?: string }) => ({ name: s.name?.trim() || null, version: s.version?.trim() || null }));
  const modules = (content.memories ?? []).reduce((sum: number, m: { capacity?: number }) => sum + (m.capacity ?? 0), 0);
  return { serial: normalizeSerial(content.bios?.ssn ?? null), memoryMb: content.hardware?.memory || modules || null, software: distinctSoftware(softwares) };
}

/** The device the last report updated, as the API shows it. */
async function lastInventoried() {
  const [row] = await t.ctx.db.select({ id: assets.id }).from(assets).where(eq(assets.tenantId, tenantId())).orderBy(desc(assets.updatedAt)).limit(1);
  const response = await t.app.inject({ method: 'GET', url: `/api/assets/${row.id}`, headers: await t.headers('authority-admin') });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const postXml = (xml: string) =>
  t.app.inject({ method: 'POST', url: '/ocsinventory', payload: deflateSync(xml), headers: { 'content-type': 'application/x-compress', authorization: basic } });
const postJson = (json: Buffer | string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/inventory', payload: json, headers: { 'content-type': 'application/json', authorization: basic } });

const xmlDir = 'glpi-inventory-format/xml';
const xmlFiles = readdirSync(new URL('../../../../fixtures/inventory/glpi-inventory-format/xml/', import.meta.url)).filter((f) => f.endsWith('.xml')).sort();
const jsonDir = 'glpi-inventory-format/examples';
const jsonFiles = readdirSync(new URL('../../../../fixtures/inventory/glpi-inventory-format/examples/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();
const isComputerXml = (xml: string) => /<QUERY>INVENTORY<\/QUERY>/.test(xml);
const isFullJson = (json: string) => {
  const doc = JSON.parse(json);
  return doc.action === 'inventory' && !doc.partial && doc.content?.bios;
};

describe('every fixture through the agent endpoints', () => {
  it.each([...xmlFiles.map((f) => `${xmlDir}/${f}`), fusionFile])('%s (XML): accepted, and an inventory shows its serial, memory and software count', async (file) => {
    const xml = fixtureText(file);
    const response = await postXml(xml);
    expect(response.statusCode).toBeLessThan(500);
    if (!isComputerXml(xml)) return; // network discoveries and SNMP queries: answered, not computers
    expect(response.statusCode).toBe(200);
    const expected = expectedFromXml(xml);
    const device = await lastInventoried();
    expect({ serial: normalizeSerial(device.serial), memoryMb: device.memoryMb, software: device.softwareCount }).toEqual(expected);
    expect(device.software).toHaveLength(expected.software);
  });

  it.each(jsonFiles.map((f) => `${jsonDir}/${f}`))('%s (JSON): accepted, and a full inventory shows its serial, memory and software count', async (file) => {
    const json = fixtureText(file);
    const response = await postJson(json);
    expect(response.statusCode).toBeLessThan(500);
    if (!isFullJson(json)) return; // partial updates and network devices: answered; partials are tested with the protocol
    expect(response.statusCode).toBe(200);
    const expected = expectedFromJson(json);
    const device = await lastInventoried();
    expect({ serial: normalizeSerial(device.serial), memoryMb: device.memoryMb, software: device.softwareCount }).toEqual(expected);
  });

  it('takes the real agents’ captured inventories (zlib) and shows the device', async () => {
    for (const file of ['agents/fusioninventory-2.6-inventory.zlib', 'agents/ocsinventory-2.10-inventory.zlib']) {
      const response = await t.app.inject({ method: 'POST', url: '/ocsinventory', payload: fixtureBytes(file), headers: { 'content-type': 'application/x-compress', authorization: basic } });
      expect(response.statusCode).toBe(200);
    }
  });
});

describe('the same inventory sent 1,000 times', () => {
  it('leaves one device and no duplicate software', async () => {
    const json = fixtureText(`${jsonDir}/computer_1.json`).replace(/640HP72/g, 'REPEAT1000');
    const before = await t.ctx.db.select({ n: count() }).from(assets).where(eq(assets.tenantId, tenantId()));
    for (let i = 0; i < 1000; i++) {
      const response = await postJson(json);
      if (response.statusCode !== 200) throw new Error(`envoi ${i + 1} : ${response.statusCode} ${response.body}`);
    }
    const after = await t.ctx.db.select({ n: count() }).from(assets).where(eq(assets.tenantId, tenantId()));
    expect(after[0].n).toBe(before[0].n + 1);
    const [device] = await t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, tenantId()), eq(assets.serial, 'REPEAT1000')));
    const lines = await t.ctx.db
      .select({ key: software.key, version: assetSoftware.version })
      .from(assetSoftware)
      .innerJoin(software, and(eq(software.tenantId, assetSoftware.tenantId), eq(software.id, assetSoftware.softwareId)))
      .where(and(eq(assetSoftware.tenantId, tenantId()), eq(assetSoftware.assetId, device.id)));
    expect(lines).toHaveLength(expectedFromJson(json).software);
    expect(new Set(lines.map((l) => `${l.key}\u0000${l.version}`)).size).toBe(lines.length);
    expect(device.softwareCount).toBe(lines.length);
    // the catalogue holds each product once, however many times it was reported
    const keys = await t.ctx.db.select({ key: software.key }).from(software).where(eq(software.tenantId, tenantId()));
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
  }, 600_000);
});
