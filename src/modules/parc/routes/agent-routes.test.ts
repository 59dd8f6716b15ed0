import { randomBytes } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { hashPassword } from '../../access/passwords.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { importEstablishments } from '../../referentiel/operations/import-establishments.js';
import { testDatabase } from '../../../test/database.js';
import { establishments } from '../../referentiel/db/schema.js';
import { agentCredentials, assets, inventoryInbox, inventorySettings, unassignedReports } from '../db/schema.js';
import { defaultInventoryLimits } from '../inventory/index.js';
import { fixtureBytes, fixtureText, fusionFile } from '../inventory/testing/fixtures.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let tagged: string;
let secured: string;
let networked: string;
const uai = '0590001F';
/** A school of the authority that attaches agents by its declared networks (not by tag). */
const networkedUai = '0590002G';

beforeAll(async () => {
  database = await testDatabase();
  const ctx = systemCtx(database);
  tagged = (await createOrganization(ctx, { code: 'region-tag', kind: 'region', name: 'Région à étiquettes' })).tenantId;
  secured = (await createOrganization(ctx, { code: 'region-basic', kind: 'region', name: 'Région à identifiants' })).tenantId;
  const lycee = JSON.stringify({ meta: {}, lycees: [{ uai, nom: 'Lycée Essai', ville: 'Lille', codeDept: '59', academie: 'Lille', region: 'Hauts-De-France', secteur: 'public', type: 'GT' }] });
  await importEstablishments(ctx, { tenantId: tagged, bytes: Buffer.from(lycee), filename: 'l.json', mode: 'apply-valid' });
  await database.db.insert(inventorySettings).values({ tenantId: tagged, acceptTaggedAgents: true });
  await database.db.insert(agentCredentials).values({ tenantId: secured, username: 'region-basic/agents', passwordHash: await hashPassword('Agents-Secret-2026'), label: 'Agents' });
  networked = (await createOrganization(ctx, { code: 'region-reseaux', kind: 'region', name: 'Région à réseaux' })).tenantId;
  const lyceeReseau = JSON.stringify({ meta: {}, lycees: [{ uai: networkedUai, nom: 'Lycée Réseau', ville: 'Lille', codeDept: '59', academie: 'Lille', region: 'Hauts-De-France', secteur: 'public', type: 'GT' }] });
  await importEstablishments(ctx, { tenantId: networked, bytes: Buffer.from(lyceeReseau), filename: 'r.json', mode: 'apply-valid' });
  await database.db.insert(inventorySettings).values({ tenantId: networked, acceptTaggedAgents: false, networks: ['192.0.2.0/24', '2001:db8:59::/48'] });
  app = await buildApp({ database, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const billionLaughs =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
  ']><REQUEST><DEVICEID>&lol9;</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>';
const fusionWithTag = (tag: string) => fixtureText(fusionFile).replace(/<CONTENT>/, `<CONTENT><ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>${tag}</KEYVALUE></ACCOUNTINFO>`);
const post = (url: string, payload: Buffer, headers: Record<string, string>, remoteAddress?: string) =>
  app.inject({ method: 'POST', url, payload, headers, ...(remoteAddress ? { remoteAddress } : {}) });
const assetCount = async (tenantId: string) => (await database.db.select({ n: count() }).from(assets).where(eq(assets.tenantId, tenantId)))[0].n;
const unassignedCount = async () => (await database.db.select({ n: count() }).from(unassignedReports))[0].n;
const inboxCount = async () => (await database.db.select({ n: count() }).from(inventoryInbox))[0].n;

/** GLPI Agent's JSON inventory of one distinct machine (official example computer_2), with a tag. */
function glpiInventory(serial: string, tag: string | null): Buffer {
  const document = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json'));
  document.deviceid = `pc-${serial.toLowerCase()}-2026-01-05-10-00-00`;
  document.content.bios.ssn = serial;
  delete document.content.hardware.uuid;
  if (tag) document.tag = tag;
  return deflateSync(JSON.stringify(document));
}

describe('agent endpoints', () => {
  it('answers a FusionInventory PROLOG with a compressed SEND reply', async () => {
    const prolog = deflateSync('<?xml version="1.0" encoding="UTF-8" ?><REQUEST><DEVICEID>pc-1</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>');
    const response = await post('/front/inventory.php', prolog, { 'content-type': 'application/x-compress-zlib' });
    expect(response.statusCode).toBe(200);
    const { inflateSync } = await import('node:zlib');
    expect(inflateSync(response.rawPayload).toString()).toContain('<RESPONSE>SEND</RESPONSE>');
  });

  it('stores a tagged inventory in the authority that accepts tags, and acknowledges it', async () => {
    const response = await post('/ocsinventory', deflateSync(fusionWithTag(uai)), { 'content-type': 'application/x-compress' });
    expect(response.statusCode).toBe(200);
    const { inflateSync } = await import('node:zlib');
    expect(inflateSync(response.rawPayload).toString()).toContain('NO_ACCOUNT_UPDATE');
    expect(await assetCount(tagged)).toBe(1);
  });

  it('keeps a report nobody claims in the unassigned queue and asks for credentials', async () => {
    const response = await post('/api/v1/inventory', gzipSync(fixtureBytes('glpi-inventory-format/examples/computer_2.json')), { 'content-type': 'application/x-compress-gzip' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toContain('Basic realm=');
    const queued = await database.db.select().from(unassignedReports);
    expect(queued).toHaveLength(1);
    expect(await assetCount(secured)).toBe(0);
  });

  it('takes the same report with the authority’s credentials and empties the queue', async () => {
    const basic = `Basic ${Buffer.from('region-basic/agents:Agents-Secret-2026').toString('base64')}`;
    const response = await post('/api/v1/inventory', fixtureBytes('glpi-inventory-format/examples/computer_2.json'), { 'content-type': 'application/json', authorization: basic });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).status).toBe('ok');
    expect(await assetCount(secured)).toBe(1);
    expect(await database.db.select().from(unassignedReports)).toHaveLength(0);
    const wrong = `Basic ${Buffer.from('region-basic/agents:nope').toString('base64')}`;
    const refused = await post('/api/v1/inventory', fixtureBytes('glpi-inventory-format/examples/computer_2.json'), { 'content-type': 'application/json', authorization: wrong });
    expect(refused.statusCode).toBe(401);
  });

  it.each([
    ['malformed XML', deflateSync('<REQUEST><QUERY>INVENTORY</QUE'), 'application/x-compress-zlib'],
    ['an XXE payload', Buffer.from('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><REQUEST><DEVICEID>&e;</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>'), 'application/xml'],
    ['a truncated zlib body', deflateSync(fusionWithTag(uai)).subarray(0, 2000), 'application/x-compress-zlib'],
    ['a decompression bomb', deflateSync(Buffer.alloc(300 * 1024 * 1024)), 'application/x-compress-zlib'],
    ['malformed JSON', Buffer.from('{"action":"inventory","deviceid":'), 'application/json'],
    ['a "billion laughs" entity expansion', Buffer.from(billionLaughs), 'application/xml'],
    ['a compressed "billion laughs"', deflateSync(billionLaughs), 'application/x-compress-zlib'],
    ['a raw body over the size limit (16 MiB)', randomBytes(defaultInventoryLimits.maxBodyBytes + 1024), 'application/x-compress-zlib'],
    ['a JSON inventory over the size limit', Buffer.concat([Buffer.from('{"action":"inventory","deviceid":"x","content":{"x":"'), Buffer.alloc(defaultInventoryLimits.maxBodyBytes, 'a'), Buffer.from('"}}')]), 'application/json'],
  ])('refuses %s with a 4xx, bounded memory, and changes nothing', async (label, body, type) => {
    const before = { assets: await assetCount(tagged), unassigned: await unassignedCount(), inbox: await inboxCount() };
    const heapBefore = process.memoryUsage().heapUsed;
    const response = await post('/front/inventory.php', body, { 'content-type': type });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    // refused before it is even buffered whole (Fastify bodyLimit = inventory/limits.ts maxBodyBytes)
    if (label.includes('size limit')) expect([response.statusCode, response.body]).toEqual([413, expect.stringContaining('trop volumineux')]);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect({ assets: await assetCount(tagged), unassigned: await unassignedCount(), inbox: await inboxCount() }).toEqual(before);
  });
});

describe('authority by the school networks it declared', () => {
  it('attaches a report from an address inside the networks to that authority, and to the school its tag names', async () => {
    const response = await post('/api/v1/inventory', glpiInventory('NET-IN-1', networkedUai), { 'content-type': 'application/x-compress-zlib' }, '192.0.2.10');
    expect(response.statusCode).toBe(200);
    const [device] = await database.db.select().from(assets).where(eq(assets.serial, 'NET-IN-1'));
    expect(device.tenantId).toBe(networked);
    const [school] = await database.db.select().from(establishments).where(eq(establishments.uai, networkedUai));
    expect(device.establishmentId).toBe(school.id);
  });

  it('reads an IPv4-mapped IPv6 peer (::ffff:192.0.2.11, a dual-stack socket) as its IPv4 address', async () => {
    const response = await post('/api/v1/inventory', glpiInventory('NET-IN-2', null), { 'content-type': 'application/x-compress-zlib' }, '::ffff:192.0.2.11');
    expect(response.statusCode).toBe(200);
    const [device] = await database.db.select().from(assets).where(eq(assets.serial, 'NET-IN-2'));
    expect(device.tenantId).toBe(networked);
    const v6 = await post('/ocsinventory', deflateSync(fusionWithTag('').replace(/<DEVICEID>[^<]*</, '<DEVICEID>net-v6-2026-01-05-10-00-00<').replace(/<SSN>[^<]*</, '<SSN>NET-IN-3<')), { 'content-type': 'application/x-compress' }, '2001:db8:59:1::20');
    expect(v6.statusCode).toBe(200);
    expect((await database.db.select().from(assets).where(eq(assets.serial, 'NET-IN-3')))[0].tenantId).toBe(networked);
  });

  it('keeps a report from an address outside every network unassigned (with the plain address), even tagged with the school', async () => {
    const before = await assetCount(networked);
    const response = await post('/api/v1/inventory', glpiInventory('NET-OUT-1', networkedUai), { 'content-type': 'application/x-compress-zlib' }, '::ffff:198.51.100.7');
    expect(response.statusCode).toBe(401);
    expect(await assetCount(networked)).toBe(before);
    const [kept] = await database.db.select().from(unassignedReports).where(eq(unassignedReports.deviceId, 'pc-net-out-1-2026-01-05-10-00-00'));
    expect(kept.remoteAddress).toBe('198.51.100.7');
  });
});
