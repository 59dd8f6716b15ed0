import { readdirSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { hashPassword } from '../../access/passwords.js';
import { agentCredentials, assetSoftware, assets, software } from '../db/schema.js';
import { normalizeSerial } from '../inventory/match-keys.js';
import { softwareKey } from '../inventory/software-key.js';
import { fixtureBytes, fixtureText, fusionFile } from '../inventory/testing/fixtures.js';

/**
 * Every file of the real agent data (fixtures/inventory, copied from ../shared/data/inventory)
 * through the agent endpoints of the running app, then the stored device read back through
 * GET /api/assets/{id}: its class, and the serial, memory and number of software read from the
 * file itself. Then the same inventory 1,000 times: one device, no duplicate software line.
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
  // a device read over SNMP has its serial in network_device, and no memory of a computer
  const serial = content.bios?.ssn ?? content.network_device?.serial ?? null;
  return { serial: normalizeSerial(serial), memoryMb: content.hardware?.memory || modules || null, software: distinctSoftware(softwares) };
}

/**
 * What each device is, from the file as a person reads it (chassis, model, sysDescr), not from the
 * module: the class the fleet must show.
 */
const expectedClass: Record<string, string> = {
  'xml/1.xml': 'laptop', // Toshiba, chassis Notebook
  'xml/2.xml': 'laptop', // HP EliteBook 2540p under Windows 8.1
  'xml/12.xml': 'laptop', // the same EliteBook, with its power supplies
  'xml/3.xml': 'desktop', // iMac5,1
  'xml/4.xml': 'desktop', // iMac15,1
  'xml/13.xml': 'phone', // Galaxy A71 (SM-A715F) with its SIM card, GLPI Agent for Android
  'xml/14.xml': 'phone',
  'xml/18.xml': 'phone',
  [fusionFile]: 'server', // a virtual machine (VMSYSTEM Docker): with the servers
  'examples/computer_1.json': 'laptop', // Dell XPS 13, chassis Laptop
  'examples/computer_2.json': 'laptop',
  'examples/computer_3.json': 'laptop', // Toshiba Portégé, chassis Notebook
  'examples/computer_3_updated.json': 'laptop',
  'examples/networkequipment_1.json': 'switch', // Cisco UCS 6248UP fabric interconnect
  'examples/networkequipment_2.json': 'switch', // Catalyst 3750
  'examples/networkequipment_3.json': 'switch', // HP 2530-48G
  'examples/networkequipment_4.json': 'wifi-access-point', // Cisco CT5520 Wireless LAN Controller
  'examples/networkequipment_5.json': 'switch', // D-Link DGS-3420
  'examples/phone_1.json': 'phone', // Xiaomi Mi 9T Pro, itemtype Phone
  'examples/printer_1.json': 'printer',
  'examples/printer_2.json': 'printer',
  'examples/printer_3.json': 'printer',
  'agents/fusioninventory-2.6-inventory.zlib': 'server', // the same virtual machine, as FusionInventory sees it
  'agents/ocsinventory-2.10-inventory.zlib': 'desktop', // the OCS agent without dmidecode gives no chassis nor hypervisor: a desktop by default
};

/**
 * XML messages of the FusionInventory network tasks (SNMPQUERY, SNMP, NETDISCOVERY): one switch,
 * router, printer or NAS each, read over SNMP or seen by a network discovery, from the file as a
 * person reads it. `sameAs`: a later message about a device already stored (same serial) updates
 * it. A host a discovery saw without its kind (9.xml) is a desktop until someone classes it.
 */
const networkXml: Record<string, { class: string; serial: string | null; name: string | null; sameAs?: string }> = {
  '10.xml': { class: 'switch', serial: null, name: 'swdc-07-01-dc1' }, // NETDISCOVERY, type NETWORKING
  '11.xml': { class: 'printer', serial: null, name: 'myprinter' }, // NETDISCOVERY, type PRINTER
  '15.xml': { class: 'switch', serial: null, name: null }, // SNMPQUERY of a Juniper EX6210, ports and firmware only
  '16.xml': { class: 'switch', serial: 'CN3AFRT37N', name: 'J9803A' }, // NETDISCOVERY of an HP 1810-24G
  '17.xml': { class: 'switch', serial: 'CN3AFRT37N', name: 'J9803A', sameAs: '16.xml' }, // then its SNMPQUERY
  '19.xml': { class: 'server', serial: '01234567890AAA', name: 'SYN14' }, // a Synology NAS (STORAGE)
  '5-good.xml': { class: 'router', serial: '486280', name: 'WR21' }, // Digi WR21 cellular router
  '5.xml': { class: 'router', serial: '486280', name: 'WR21', sameAs: '5-good.xml' },
  '6.xml': { class: 'switch', serial: 'SSI1912014B', name: 'ucs6248up-cluster-pa3-B' }, // Cisco UCS fabric interconnect
  '7.xml': { class: 'switch', serial: 'SSI1912014B', name: 'ucs6248up-cluster-pa3-B', sameAs: '6.xml' },
  '8.xml': { class: 'printer', serial: 'D9J230159', name: 'CE75I09008' }, // SNMP of a printer
  '9.xml': { class: 'desktop', serial: null, name: 'homeassistant' }, // NETDISCOVERY: a host, kind unknown
};

const assetIds = async () => new Set((await t.ctx.db.select({ id: assets.id }).from(assets).where(eq(assets.tenantId, tenantId()))).map((r) => r.id));

/** A network message: acknowledged, and the device it describes created (or, `sameAs`, updated). */
async function expectNetworkDevice(file: string, post: () => Promise<{ statusCode: number; rawPayload: Buffer; body: string }>) {
  const expected = networkXml[file.replace(/^.*\//, '')];
  expect(expected, `${file}: expectation written`).toBeDefined();
  const before = await assetIds();
  const response = await post();
  expect(response.statusCode, response.body).toBe(200);
  expect(inflateSync(response.rawPayload).toString('utf8')).toContain('NO_ACCOUNT_UPDATE');
  const created = [...(await assetIds())].filter((id) => !before.has(id));
  expect(created, file).toHaveLength(expected.sameAs ? 0 : 1);
  const [id] = expected.sameAs
    ? (await t.ctx.db.select({ id: assets.id, serial: assets.serial }).from(assets).where(eq(assets.tenantId, tenantId()))).filter((r) => normalizeSerial(r.serial) === expected.serial).map((r) => r.id)
    : created;
  const device = (await t.app.inject({ method: 'GET', url: `/api/assets/${id}`, headers: await t.headers('authority-admin') })).json();
  expect({ class: device.class, serial: normalizeSerial(device.serial), name: device.name, memoryMb: device.memoryMb, software: device.softwareCount }, file).toEqual({
    class: expected.class,
    serial: expected.serial,
    name: expected.name,
    memoryMb: null,
    software: 0,
  });
}


/** The one device the file describes: by its serial, else by the agent's device id. */
async function storedDevice(file: string, expected: Expected, deviceId: string | null) {
  const rows = await t.ctx.db.select({ id: assets.id, serial: assets.serial, agentDeviceId: assets.agentDeviceId }).from(assets).where(eq(assets.tenantId, tenantId()));
  const found = expected.serial ? rows.filter((r) => normalizeSerial(r.serial) === expected.serial) : rows.filter((r) => r.agentDeviceId === deviceId);
  expect(found, `${file}: one device for serial ${expected.serial} / device id ${deviceId}`).toHaveLength(1);
  const response = await t.app.inject({ method: 'GET', url: `/api/assets/${found[0].id}`, headers: await t.headers('authority-admin') });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function expectDevice(file: string, expected: Expected, deviceId: string | null) {
  const device = await storedDevice(file, expected, deviceId);
  expect({ class: device.class, serial: normalizeSerial(device.serial), memoryMb: device.memoryMb, software: device.softwareCount }, file).toEqual({
    class: expectedClass[file],
    ...expected,
  });
  expect(device.software).toHaveLength(expected.software);
}

const postXml = (xml: string | Buffer) =>
  t.app.inject({ method: 'POST', url: '/ocsinventory', payload: typeof xml === 'string' ? deflateSync(xml) : xml, headers: { 'content-type': 'application/x-compress', authorization: basic } });
const postJson = (json: Buffer | string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/inventory', payload: json, headers: { 'content-type': 'application/json', authorization: basic } });

const xmlDir = 'glpi-inventory-format/xml';
const xmlFiles = readdirSync(new URL('../../../../fixtures/inventory/glpi-inventory-format/xml/', import.meta.url)).filter((f) => f.endsWith('.xml')).sort();
const jsonDir = 'glpi-inventory-format/examples';
const jsonFiles = readdirSync(new URL('../../../../fixtures/inventory/glpi-inventory-format/examples/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();
const isComputerXml = (xml: string) => /<QUERY>INVENTORY<\/QUERY>/.test(xml);
const shortName = (file: string) => file.replace(/^glpi-inventory-format\//, '');

describe('every fixture through the agent endpoints', () => {
  it.each([...xmlFiles.map((f) => `${xmlDir}/${f}`), fusionFile])('%s (XML): the device stored with its class, serial, memory and software', async (file) => {
    const xml = fixtureText(file);
    if (!isComputerXml(xml)) return expectNetworkDevice(file, () => postXml(xml));
    const response = await postXml(xml);
    expect(response.statusCode, response.body).toBe(200);
    await expectDevice(shortName(file), expectedFromXml(xml), tag(xml, 'DEVICEID'));
  });

  it.each(jsonFiles.map((f) => `${jsonDir}/${f}`))('%s (JSON): the device stored with its class, serial, memory and software', async (file) => {
    const json = fixtureText(file);
    const response = await postJson(json);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
    const document = JSON.parse(json);
    const name = shortName(file);
    if (!document.partial) {
      await expectDevice(name, expectedFromJson(json), document.deviceid);
      return;
    }
    // a partial inventory updates its sections only: the software list is the full one's unless it sends its own
    const base = name.replace(/_partial_\w+\.json$/, '.json');
    const full = expectedFromJson(fixtureText(`glpi-inventory-format/${base}`));
    const partial = expectedFromJson(json);
    const device = await storedDevice(name, partial, document.deviceid);
    expect({ class: device.class, serial: normalizeSerial(device.serial), memoryMb: device.memoryMb, software: device.softwareCount }).toEqual({
      class: expectedClass[base],
      serial: partial.serial,
      memoryMb: partial.memoryMb,
      software: document.content.softwares ? partial.software : full.software,
    });
  });

  it.each(['agents/fusioninventory-2.6-inventory.zlib', 'agents/ocsinventory-2.10-inventory.zlib'])(
    'takes the real agent’s captured inventory %s (zlib, as sent) and stores the device',
    async (file) => {
      const bytes = fixtureBytes(file);
      const xml = inflateSync(bytes).toString('utf8');
      const response = await postXml(bytes);
      expect(response.statusCode, response.body).toBe(200);
      expect(inflateSync(response.rawPayload).toString('utf8')).toContain('<RESPONSE>NO_ACCOUNT_UPDATE</RESPONSE>');
      await expectDevice(file, expectedFromXml(xml), tag(xml, 'DEVICEID'));
    },
  );
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
