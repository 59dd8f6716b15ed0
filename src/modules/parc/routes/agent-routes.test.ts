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
import { agentCredentials, assets, inventorySettings, unassignedReports } from '../db/schema.js';
import { fixtureBytes, fixtureText, fusionFile } from '../inventory/testing/fixtures.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let tagged: string;
let secured: string;
const uai = '0590001F';

beforeAll(async () => {
  database = await testDatabase();
  const ctx = systemCtx(database.db);
  tagged = (await createOrganization(ctx, { code: 'region-tag', kind: 'region', name: 'Région à étiquettes' })).tenantId;
  secured = (await createOrganization(ctx, { code: 'region-basic', kind: 'region', name: 'Région à identifiants' })).tenantId;
  const lycee = JSON.stringify({ meta: {}, lycees: [{ uai, nom: 'Lycée Essai', ville: 'Lille', codeDept: '59', academie: 'Lille', region: 'Hauts-De-France', secteur: 'public', type: 'GT' }] });
  await importEstablishments(ctx, database, { tenantId: tagged, bytes: Buffer.from(lycee), filename: 'l.json', mode: 'apply-valid' });
  await database.db.insert(inventorySettings).values({ tenantId: tagged, acceptTaggedAgents: true });
  await database.db.insert(agentCredentials).values({ tenantId: secured, username: 'region-basic/agents', passwordHash: await hashPassword('Agents-Secret-2026'), label: 'Agents' });
  app = await buildApp({ database, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const fusionWithTag = (tag: string) => fixtureText(fusionFile).replace(/<CONTENT>/, `<CONTENT><ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>${tag}</KEYVALUE></ACCOUNTINFO>`);
const post = (url: string, payload: Buffer, headers: Record<string, string>) => app.inject({ method: 'POST', url, payload, headers });
const assetCount = async (tenantId: string) => (await database.db.select({ n: count() }).from(assets).where(eq(assets.tenantId, tenantId)))[0].n;

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
  ])('refuses %s with a 4xx and changes nothing', async (_label, body, type) => {
    const before = await assetCount(tagged);
    const response = await post('/front/inventory.php', body, { 'content-type': type });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(await assetCount(tagged)).toBe(before);
  });
});
