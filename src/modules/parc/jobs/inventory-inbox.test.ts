import { deflateSync, inflateSync } from 'node:zlib';
import { count, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { hashPassword } from '../../access/passwords.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { testDatabase } from '../../../test/database.js';
import { agentCredentials, assetEvents, assets, inventoryInbox } from '../db/schema.js';
import { fixtureText, fusionFile } from '../inventory/testing/fixtures.js';
import { parcBackgroundOf } from './background.js';

/**
 * The "pending" path through the real endpoints: a saturated server (maxInFlight 0: every
 * ingestion is deferred) commits the report to parc.inventory_inbox before answering, and the
 * worker stores it later. Failures are forced with real database triggers, not mocks.
 */

let database: Database;
let tenantId: string;
let saturated: FastifyInstance;
let direct: FastifyInstance;
const basic = `Basic ${Buffer.from('region-file/agents:Agents-File-2026').toString('base64')}`;

beforeAll(async () => {
  database = await testDatabase();
  const ctx = systemCtx(database);
  tenantId = (await createOrganization(ctx, { code: 'region-file', kind: 'region', name: 'Région à file' })).tenantId;
  await database.db.insert(agentCredentials).values({ tenantId, username: 'region-file/agents', passwordHash: await hashPassword('Agents-File-2026'), label: 'Agents' });
  saturated = await buildApp({ database, serveWeb: false, config: { inventory: { maxInFlight: 0, pendingRetrySeconds: 5 } } });
  direct = await buildApp({ database, serveWeb: false });
}, 60_000);
afterAll(async () => {
  await saturated?.close();
  await direct?.close();
  await database?.close();
});

/** GLPI Agent's JSON inventory of one distinct machine (official example computer_2, renamed). */
function glpiInventory(serial: string): Buffer {
  const document = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json'));
  document.deviceid = `pc-${serial.toLowerCase()}-2026-01-05-10-00-00`;
  document.content.bios.ssn = serial;
  document.content.hardware.name = `PC-${serial}`;
  delete document.content.hardware.uuid;
  return deflateSync(JSON.stringify(document));
}

const fusionInventory = (serial: string) =>
  deflateSync(
    fixtureText(fusionFile)
      .replace(/<SSN>[^<]*<\/SSN>/, `<SSN>${serial}</SSN>`)
      .replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>fusion-${serial.toLowerCase()}-2026-01-05-10-00-00</DEVICEID>`)
      .replace(/<UUID>[^<]*<\/UUID>/g, '')
      .replace(/<MACADDR>[^<]*<\/MACADDR>/g, ''),
  );

const postGlpi = (app: FastifyInstance, body: Buffer) =>
  app.inject({ method: 'POST', url: '/api/v1/inventory', payload: body, headers: { 'content-type': 'application/x-compress-zlib', authorization: basic } });
const askAgain = (app: FastifyInstance, requestId?: string) =>
  app.inject({ method: 'GET', url: '/api/v1/inventory', headers: requestId ? { 'glpi-request-id': requestId } : {} });
const answerOf = (response: { rawPayload: Buffer; headers: Record<string, unknown> }) =>
  String(response.headers['content-type']).includes('x-compress') ? inflateSync(response.rawPayload).toString() : response.rawPayload.toString();

const inboxCount = async () => (await database.db.select({ n: count() }).from(inventoryInbox))[0].n;
const assetCount = async () => (await database.db.select({ n: count() }).from(assets).where(eq(assets.tenantId, tenantId)))[0].n;
const assetBySerial = async (serial: string) => database.db.select().from(assets).where(eq(assets.serial, serial));

/** A report posted to a saturated process with jobs on (after `before`), stored by the pg-boss worker alone within 30 s. */
async function storedByTheJob(serial: string, before: () => Promise<void> = async () => {}) {
  const withJobs = await buildApp({ database, serveWeb: false, config: { jobs: true, inventory: { maxInFlight: 0 } } });
  try {
    await withJobs.ready();
    await before();
    expect((await postGlpi(withJobs, glpiInventory(serial))).statusCode).toBe(202);
    const deadline = Date.now() + 30_000;
    while ((await assetBySerial(serial)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await assetBySerial(serial)).toHaveLength(1);
    expect(await inboxCount()).toBe(0);
  } finally {
    await withJobs.close();
  }
}

describe('inventory inbox (status "pending")', () => {
  it('answers a saturated GLPI Agent "pending" once the report is committed, and the worker stores it', async () => {
    const response = await postGlpi(saturated, glpiInventory('INBOX-1'));
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(answerOf(response))).toEqual({ status: 'pending', expiration: '5s' });
    const requestId = String(response.headers['glpi-request-id']);
    expect(requestId).toMatch(/^[0-9A-F]{8}$/);
    expect(await inboxCount()).toBe(1);
    expect(await assetBySerial('INBOX-1')).toEqual([]);

    // what GLPI Agent does next: a GET with the request id, until "ok"
    const waiting = await askAgain(saturated, requestId);
    expect(waiting.statusCode).toBe(202);
    expect(waiting.json()).toMatchObject({ status: 'pending' });
    expect((await askAgain(saturated)).statusCode).toBe(400);

    expect(await parcBackgroundOf(direct).drainNow()).toMatchObject({ stored: 1, failed: 0 });
    const [device] = await assetBySerial('INBOX-1');
    expect(device).toMatchObject({ tenantId, name: 'PC-INBOX-1' });
    expect(await inboxCount()).toBe(0);
    const done = await askAgain(saturated, requestId);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'ok' });
  });

  it('acknowledges a saturated OCS/FusionInventory INVENTORY (NO_ACCOUNT_UPDATE) only with the inbox row committed', async () => {
    const response = await saturated.inject({
      method: 'POST',
      url: '/front/inventory.php',
      payload: fusionInventory('INBOX-XML'),
      headers: { 'content-type': 'application/x-compress-zlib', authorization: basic },
    });
    expect(response.statusCode).toBe(200);
    expect(answerOf(response)).toContain('NO_ACCOUNT_UPDATE');
    const [row] = await database.db.select().from(inventoryInbox);
    expect(row).toMatchObject({ source: 'fusioninventory', credentialsTenantId: tenantId, attempts: 0 });
    await parcBackgroundOf(saturated).drainNow();
    expect(await assetBySerial('INBOX-XML')).toHaveLength(1);
  });

  it('under a burst beyond maxInFlight, answers each agent "ok" or "pending", and every report ends up stored', async () => {
    const narrow = await buildApp({ database, serveWeb: false, config: { inventory: { maxInFlight: 1 } } });
    try {
      const serials = Array.from({ length: 8 }, (_, i) => `BURST-${i + 1}`);
      const responses = await Promise.all(serials.map((serial) => postGlpi(narrow, glpiInventory(serial))));
      const statuses = responses.map((r) => JSON.parse(answerOf(r)).status);
      expect(responses.every((r) => (r.statusCode === 200 && JSON.parse(answerOf(r)).status === 'ok') || r.statusCode === 202)).toBe(true);
      // how many overlap depends on timing (PGlite runs one statement at a time): either answer is committed
      expect(await inboxCount()).toBe(statuses.filter((s) => s === 'pending').length);
      await parcBackgroundOf(narrow).drainNow();
      for (const serial of serials) expect(await assetBySerial(serial)).toHaveLength(1);
      expect(await inboxCount()).toBe(0);
    } finally {
      await narrow.close();
    }
  });

  it('with background jobs on, the pg-boss worker stores a pending report by itself', async () => {
    await storedByTheJob('JOBS-1');
  }, 60_000);

  it('with background jobs on, stores a pending report although a killed process left its drain active', async () => {
    // what a process killed -9 in the middle of a drain leaves: its job active until pg-boss expires it
    const leftActive = async () =>
      void (await database.db.execute(sql`
        insert into pgboss.job (name, data, state, started_on, policy)
        select name, '{}'::jsonb, 'active', now(), policy from pgboss.queue where name = 'parc-inventory-inbox'`));
    try {
      await storedByTheJob('JOBS-KILLED', leftActive);
    } finally {
      await database.db.execute(sql`delete from pgboss.job where name = 'parc-inventory-inbox' and state = 'active'`);
    }
  }, 60_000);

  it('stores at startup what a crashed process left in the inbox', async () => {
    expect((await postGlpi(saturated, glpiInventory('CRASH-1'))).statusCode).toBe(202);
    // the process that acknowledged it stops before draining; a new one starts on the same database
    const restarted = await buildApp({ database, serveWeb: false });
    try {
      await restarted.ready();
      expect(await parcBackgroundOf(restarted).startupDrain()).toMatchObject({ stored: 1 });
      expect(await assetBySerial('CRASH-1')).toHaveLength(1);
      expect(await inboxCount()).toBe(0);
    } finally {
      await restarted.close();
    }
  });

  it('never stores a queued report twice when several workers drain at once', async () => {
    const before = await assetCount();
    const serials = ['RACE-1', 'RACE-2', 'RACE-3', 'RACE-4', 'RACE-5', 'RACE-6'];
    for (const serial of serials) expect((await postGlpi(saturated, glpiInventory(serial))).statusCode).toBe(202);
    expect(await inboxCount()).toBe(6);
    const second = await buildApp({ database, serveWeb: false });
    try {
      const results = await Promise.all([parcBackgroundOf(saturated).drainNow(), parcBackgroundOf(direct).drainNow(), parcBackgroundOf(second).drainNow()]);
      expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(6);
      expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    } finally {
      await second.close();
    }
    expect(await inboxCount()).toBe(0);
    expect(await assetCount()).toBe(before + 6);
    for (const serial of serials) {
      const [device] = await assetBySerial(serial);
      const installs = await database.db.select().from(assetEvents).where(sql`${assetEvents.assetId} = ${device.id} and ${assetEvents.kind} = 'install'`);
      expect(installs).toHaveLength(1);
    }
  });

  it('queues a report the database refused for a transient reason (deadlock), retries it with the error kept, then stores it', async () => {
    await database.db.execute(sql`create function parc_test_deadlock() returns trigger language plpgsql as $$
      begin
        if new.serial = 'DEADLOCK-1' then raise exception 'deadlock detected (test)' using errcode = '40P01'; end if;
        return new;
      end $$`);
    await database.db.execute(sql`create trigger parc_test_deadlock before insert on parc.assets for each row execute function parc_test_deadlock()`);
    try {
      const response = await postGlpi(direct, glpiInventory('DEADLOCK-1'));
      expect(response.statusCode).toBe(202);
      expect(JSON.parse(answerOf(response)).status).toBe('pending');
      expect(await parcBackgroundOf(direct).drainNow()).toMatchObject({ stored: 0, failed: 1 });
      const [row] = await database.db.select().from(inventoryInbox);
      expect(row.attempts).toBe(1);
      expect(row.lastError).toContain('deadlock detected (test)');
    } finally {
      await database.db.execute(sql`drop trigger parc_test_deadlock on parc.assets`);
      await database.db.execute(sql`drop function parc_test_deadlock()`);
    }
    expect(await parcBackgroundOf(direct).drainNow()).toMatchObject({ stored: 1, failed: 0 });
    expect(await assetBySerial('DEADLOCK-1')).toHaveLength(1);
    expect(await inboxCount()).toBe(0);
  });

  it('never answers "ok" to an inventory that was not committed, and keeps nothing of it', async () => {
    await database.db.execute(sql`create function parc_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused (test)' using errcode = '23514'; end $$`);
    await database.db.execute(sql`create trigger parc_test_refuse before insert on parc.assets for each row
      when (new.serial like 'BROKEN-%') execute function parc_test_refuse()`);
    await database.db.execute(sql`create trigger parc_test_refuse_inbox before insert on parc.inventory_inbox for each row execute function parc_test_refuse()`);
    const assetsBefore = await assetCount();
    const eventsBefore = (await database.db.select({ n: count() }).from(assetEvents))[0].n;
    try {
      // the device's transaction fails (not a transient error): an error answer, in each protocol
      const json = await postGlpi(direct, glpiInventory('BROKEN-1'));
      expect(json.statusCode).toBe(500);
      expect(JSON.parse(answerOf(json))).toMatchObject({ status: 'error', message: expect.stringContaining('pas été enregistré') });
      const xml = await direct.inject({
        method: 'POST',
        url: '/ocsinventory',
        payload: fusionInventory('BROKEN-2'),
        headers: { 'content-type': 'application/x-compress', authorization: basic },
      });
      expect(xml.statusCode).toBe(500);
      expect(answerOf(xml)).not.toContain('NO_ACCOUNT_UPDATE');
      // the inbox itself cannot be written: no "pending" either
      const queued = await postGlpi(saturated, glpiInventory('BROKEN-3'));
      expect(queued.statusCode).toBe(503);
      expect(JSON.parse(answerOf(queued))).toMatchObject({ status: 'error', message: expect.stringContaining('rien n’a été conservé') });
    } finally {
      await database.db.execute(sql`drop trigger parc_test_refuse on parc.assets`);
      await database.db.execute(sql`drop trigger parc_test_refuse_inbox on parc.inventory_inbox`);
      await database.db.execute(sql`drop function parc_test_refuse()`);
    }
    expect(await assetCount()).toBe(assetsBefore);
    expect((await database.db.select({ n: count() }).from(assetEvents))[0].n).toBe(eventsBefore);
    expect(await inboxCount()).toBe(0);
  });
});
