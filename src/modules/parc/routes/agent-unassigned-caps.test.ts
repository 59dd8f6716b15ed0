import { deflateSync, inflateSync } from 'node:zlib';
import { count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import type { Database } from '../../../server/platform/db.js';
import { testDatabase } from '../../../test/database.js';
import { unassignedReports } from '../db/schema.js';
import { fixtureText, fusionFile } from '../inventory/testing/fixtures.js';

/**
 * The unassigned queue is open to anyone who reaches the agent endpoints without credentials:
 * capped per remote address per hour and overall, and emptied of old reports. Small caps here
 * (2 per address per hour, 5 in all, 30 days) so the test reaches them; the clock is the app's.
 */

let database: Database;
let app: FastifyInstance;
let now = new Date('2026-03-02T08:00:00Z').getTime();
const clock = () => new Date(now);
const later = (ms: number) => void (now += ms);
const hour = 3_600_000;

beforeAll(async () => {
  database = await testDatabase();
  app = await buildApp({ database, clock, serveWeb: false, config: { inventory: { unassignedPerAddressPerHour: 2, unassignedMax: 5, unassignedKeepDays: 30 } } });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function glpiInventory(deviceId: string): Buffer {
  const document = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json'));
  document.deviceid = deviceId;
  return deflateSync(JSON.stringify(document));
}
const sendGlpi = (deviceId: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/v1/inventory', payload: glpiInventory(deviceId), headers: { 'content-type': 'application/x-compress-zlib' }, remoteAddress });
const sendOcs = (deviceId: string, remoteAddress: string) =>
  app.inject({
    method: 'POST',
    url: '/ocsinventory',
    payload: deflateSync(fixtureText(fusionFile).replace(/<DEVICEID>[^<]*</, `<DEVICEID>${deviceId}<`)),
    headers: { 'content-type': 'application/x-compress' },
    remoteAddress,
  });
const kept = async () => (await database.db.select({ n: count() }).from(unassignedReports))[0].n;
const keptFrom = async (address: string) => (await database.db.select({ n: count() }).from(unassignedReports).where(eq(unassignedReports.remoteAddress, address)))[0].n;

describe('unassigned queue caps', () => {
  it('takes at most 2 new reports an hour from one address: beyond, 429 with a French message, nothing stored', async () => {
    expect((await sendGlpi('fresh-1', '203.0.113.5')).statusCode).toBe(401);
    expect((await sendGlpi('fresh-2', '203.0.113.5')).statusCode).toBe(401);
    const refused = await sendGlpi('fresh-3', '203.0.113.5');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('3600');
    expect(JSON.parse(inflateSync(refused.rawPayload).toString())).toMatchObject({ status: 'error', message: expect.stringContaining('Trop de rapports non rattachés venus de l’adresse 203.0.113.5') });
    const refusedXml = await sendOcs('fresh-4', '203.0.113.5');
    expect(refusedXml.statusCode).toBe(429);
    expect(inflateSync(refusedXml.rawPayload).toString()).toContain('Trop de rapports non rattachés');
    expect(await keptFrom('203.0.113.5')).toBe(2);
    // an agent sending again replaces its own report: not a new one
    expect((await sendGlpi('fresh-2', '203.0.113.5')).statusCode).toBe(401);
    expect(await keptFrom('203.0.113.5')).toBe(2);
    // another address is not held back, and the first one may add again an hour later
    expect((await sendGlpi('other-1', '198.51.100.9')).statusCode).toBe(401);
    later(hour + 60_000);
    expect((await sendGlpi('fresh-3', '203.0.113.5')).statusCode).toBe(401);
    expect(await keptFrom('203.0.113.5')).toBe(3);
  });

  it('keeps at most 5 reports in all: beyond, 429 and nothing stored', async () => {
    expect(await kept()).toBe(4);
    expect((await sendGlpi('fill-1', '192.0.2.1')).statusCode).toBe(401);
    const full = await sendGlpi('fill-2', '192.0.2.2');
    expect(full.statusCode).toBe(429);
    expect(JSON.parse(inflateSync(full.rawPayload).toString()).message).toContain('File des rapports non rattachés pleine (5 rapports)');
    expect(await kept()).toBe(5);
  });

  it('deletes reports older than 30 days when a new one comes', async () => {
    later(31 * 24 * hour);
    expect((await sendGlpi('after-a-month', '192.0.2.3')).statusCode).toBe(401);
    const rows = await database.db.select({ deviceId: unassignedReports.deviceId }).from(unassignedReports);
    expect(rows).toEqual([{ deviceId: 'after-a-month' }]);
  });
});
