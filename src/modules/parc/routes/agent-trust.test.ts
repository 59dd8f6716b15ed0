import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { assetProposals, assets, inventorySettings, unassignedReports } from '../db/schema.js';
import { fixtureText, fusionFile } from '../inventory/testing/fixtures.js';

/**
 * Issue 11, finding 1: an anonymous report (tag, no credentials) tagged with school A carrying the
 * serial of a device of school D moved that device to A and renamed it, even with its place locked.
 * Now it changes nothing: the move and the name wait as a proposal a technician confirms or refuses.
 */
let t: TestApp;
let schoolA: { id: string; uai: string };
let schoolD: { id: string; uai: string };

beforeAll(async () => {
  t = await testApp();
  schoolA = t.ids.staffSchool;
  schoolD = t.ids.establishments.unit2[0];
  await t.ctx.db.insert(inventorySettings).values({ tenantId: t.ids.a.tenantId, requireCredentials: false, acceptTaggedAgents: true, networks: ['192.0.2.0/24'] });
});
afterAll(() => t.close());

const macOf = (seed: string) => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `02:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:01`;
};

/** The real FusionInventory report, made another machine: its serial, name, agent id, MACs and tag. */
function ocsReport(r: { serial: string; name: string; deviceId: string; tag: string }): Buffer {
  let mac = 0;
  const xml = fixtureText(fusionFile)
    .replace('<SSN></SSN>', `<SSN>${r.serial}</SSN>`)
    .replace(/(<HARDWARE>[\s\S]*?<NAME>)[^<]*/, `$1${r.name}`)
    .replace(/<UUID>[^<]*<\/UUID>/g, '')
    .replace(/<DEVICEID>[^<]*</, `<DEVICEID>${r.deviceId}<`)
    .replace(/<MACADDR>[^<]*</g, () => `<MACADDR>${macOf(`${r.deviceId}-${mac++}`)}<`)
    .replace(/<CONTENT>/, `<CONTENT><ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>${r.tag}</KEYVALUE></ACCOUNTINFO>`);
  return deflateSync(xml);
}

/** The official GLPI Agent example, made another machine the same way. */
function glpiReport(r: { serial: string; name: string; deviceId: string; tag: string }): Buffer {
  const document = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json'));
  document.deviceid = r.deviceId;
  document.tag = r.tag;
  document.content.bios.ssn = r.serial;
  document.content.hardware.name = r.name;
  delete document.content.hardware.uuid;
  (document.content.networks ?? []).forEach((n: { mac?: string }, i: number) => {
    if (n.mac) n.mac = macOf(`${r.deviceId}-${i}`);
  });
  return deflateSync(JSON.stringify(document));
}

const protocols = [
  { name: 'OCS XML', url: '/ocsinventory', type: 'application/x-compress', build: ocsReport },
  { name: 'GLPI JSON', url: '/api/v1/inventory', type: 'application/x-compress-zlib', build: glpiReport },
] as const;

const send = (p: (typeof protocols)[number], r: Parameters<typeof ocsReport>[0], remoteAddress = '203.0.113.9') =>
  t.app.inject({ method: 'POST', url: p.url, payload: p.build(r), headers: { 'content-type': p.type }, remoteAddress });

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, user: Parameters<TestApp['headers']>[0], payload?: unknown) {
  return t.app.inject({ method, url, headers: await t.headers(user), ...(payload !== undefined ? { payload: payload as object } : {}) });
}

async function deviceOfSchoolD(serial: string) {
  const created = await call('POST', '/api/assets', 'authority-admin', {
    class: 'laptop',
    status: 'in-service',
    uai: schoolD.uai,
    name: `PC-D-${serial}`,
    serial,
    inventoryNumber: `INV-${serial}`,
  });
  expect(created.statusCode).toBe(201);
  return created.json().id as string;
}

const row = async (id: string) => (await t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.id, id))))[0];

describe.each(protocols)('an anonymous $name report about a device someone else placed', (protocol) => {
  it('neither moves nor renames it, even unlocked or locked; the change waits as a proposal with its reason', async () => {
    const serial = `ATK-${protocol.name.replace(/\W/g, '')}`;
    const id = await deviceOfSchoolD(serial);
    const attack = { serial, name: 'PC-PIRATE', deviceId: `attacker-${serial}-2026-01-05-10-00-00`, tag: schoolA.uai };
    const answer = await send(protocol, attack);
    expect(answer.statusCode).toBe(200);
    expect(await row(id)).toMatchObject({ establishmentId: schoolD.id, name: `PC-D-${serial}`, agentDeviceId: null, inventoryNumber: `INV-${serial}` });
    // school A's staff cannot read it
    const seen = await call('GET', `/api/assets?search=${serial}`, 'establishment-staff');
    expect(seen.json().total).toBe(0);

    // with the place locked by a person, the name does not change either
    const current = await row(id);
    const locked = await call('PATCH', `/api/assets/${id}`, 'authority-admin', { version: current.version, lockedFields: ['establishmentId'] });
    expect(locked.statusCode).toBe(200);
    expect((await send(protocol, attack)).statusCode).toBe(200);
    expect(await row(id)).toMatchObject({ establishmentId: schoolD.id, name: `PC-D-${serial}` });

    const listed = await call('GET', `/api/assets/${id}/proposals`, 'technician');
    expect(listed.statusCode).toBe(404); // the technician's scope is unit 1, school D is in unit 2
    const proposals = await call('GET', `/api/assets/${id}/proposals`, 'authority-admin');
    expect(proposals.statusCode).toBe(200);
    const items = proposals.json().items as { id: string; status: string; reason: string; changes: { field: string; to: unknown }[] }[];
    expect(items).toHaveLength(1); // the same change twice is one proposal
    expect(items[0].status).toBe('pending');
    expect(items[0].reason).toContain('sans identifiants');
    expect(items[0].changes.map((c) => c.field)).toEqual(expect.arrayContaining(['agentDeviceId', 'establishmentId', 'name']));
    expect(items[0].changes.find((c) => c.field === 'name')!.to).toBe('PC-PIRATE');
  });

  it('applies a confirmed proposal, and a refused one changes nothing and does not come back', async () => {
    const serial = `DEC-${protocol.name.replace(/\W/g, '')}`;
    const id = await deviceOfSchoolD(serial);
    const report = { serial, name: 'PC-DEPLACE', deviceId: `moved-${serial}-2026-01-05-10-00-00`, tag: schoolA.uai };
    await send(protocol, report);
    const [pending] = (await call('GET', `/api/assets/${id}/proposals`, 'authority-admin')).json().items as { id: string }[];
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/assets/${id}/proposals/${pending.id}/confirm` });
    expect(anonymous.statusCode).toBe(401);
    const auditor = await call('POST', `/api/assets/${id}/proposals/${pending.id}/confirm`, 'auditor');
    expect(auditor.statusCode).toBe(403);
    const refused = await call('POST', `/api/assets/${id}/proposals/${pending.id}/refuse`, 'authority-admin');
    expect(refused.json()).toEqual({ status: 'refused' });
    expect(await row(id)).toMatchObject({ establishmentId: schoolD.id, name: `PC-D-${serial}` });
    await send(protocol, report);
    const after = (await call('GET', `/api/assets/${id}/proposals`, 'authority-admin')).json().items as { status: string }[];
    expect(after.map((p) => p.status)).toEqual(['refused']);

    // another report of the same agent asks for another name: a new proposal, confirmed this time
    await send(protocol, { ...report, name: 'PC-CONFIRME' });
    const fresh = ((await call('GET', `/api/assets/${id}/proposals`, 'authority-admin')).json().items as { id: string; status: string }[]).find((p) => p.status === 'pending')!;
    const confirmed = await call('POST', `/api/assets/${id}/proposals/${fresh.id}/confirm`, 'authority-admin');
    expect(confirmed.json()).toEqual({ status: 'confirmed' });
    expect(await row(id)).toMatchObject({ establishmentId: schoolA.id, name: 'PC-CONFIRME', agentDeviceId: report.deviceId });
    const again = await call('POST', `/api/assets/${id}/proposals/${fresh.id}/confirm`, 'authority-admin');
    expect(again.statusCode).toBe(409);
    // both proposals and both decisions are in the audit trail
    const trail = await t.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.ids.a.tenantId), eq(auditEvents.entityType, 'asset-proposal')));
    expect(trail.filter((e) => (e.after as { assetId?: string } | null)?.assetId === id).map((e) => e.action).sort()).toEqual(['confirm', 'propose', 'propose', 'refuse']);

    // the linked agent now updates the hardware, but a new move still waits
    await send(protocol, { ...report, name: 'PC-CONFIRME', tag: schoolD.uai });
    expect(await row(id)).toMatchObject({ establishmentId: schoolA.id });
  });

  it('creates a device and lets its own agent update, move and rename it', async () => {
    const serial = `OWN-${protocol.name.replace(/\W/g, '')}`;
    const report = { serial, name: 'PC-NEUF', deviceId: `own-${serial}-2026-01-05-10-00-00`, tag: schoolA.uai };
    expect((await send(protocol, report)).statusCode).toBe(200);
    const [created] = await t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.serial, serial)));
    expect(created).toMatchObject({ establishmentId: schoolA.id, name: 'PC-NEUF', anonymousAgent: report.deviceId });
    expect((await send(protocol, { ...report, name: 'PC-RENOMME', tag: schoolD.uai })).statusCode).toBe(200);
    expect(await row(created.id)).toMatchObject({ establishmentId: schoolD.id, name: 'PC-RENOMME' });
    // another unauthenticated agent claiming the same serial only proposes
    await send(protocol, { ...report, deviceId: `other-${serial}-2026-01-05-10-00-00`, name: 'PC-AUTRE', tag: schoolA.uai });
    expect(await row(created.id)).toMatchObject({ establishmentId: schoolD.id, name: 'PC-RENOMME', agentDeviceId: report.deviceId });
    const pending = await t.ctx.db.select().from(assetProposals).where(and(eq(assetProposals.tenantId, t.ids.a.tenantId), eq(assetProposals.assetId, created.id)));
    expect(pending).toHaveLength(1);
  });
});

describe('what an authority accepts without credentials', () => {
  it('starts new authorities with credentials required', async () => {
    const settings = await call('GET', '/api/inventory/settings', 'admin-b');
    expect(settings.json()).toMatchObject({ requireCredentials: true, acceptTaggedAgents: false, tagsOnlyFromNetworks: false });
  });

  it('takes tags only from the declared networks when asked, and nothing without credentials when required', async () => {
    const settings = (await call('GET', '/api/inventory/settings', 'authority-admin')).json();
    const put = await call('PUT', '/api/inventory/settings', 'authority-admin', { ...(settings as object), tagsOnlyFromNetworks: true });
    expect(put.statusCode).toBe(200);
    const protocol = protocols[1];
    const outside = await send(protocol, { serial: 'NETONLY-1', name: 'x', deviceId: 'netonly-1-2026-01-05-10-00-00', tag: schoolA.uai }, '203.0.113.10');
    expect(outside.statusCode).toBe(401);
    const inside = await send(protocol, { serial: 'NETONLY-2', name: 'x', deviceId: 'netonly-2-2026-01-05-10-00-00', tag: schoolA.uai }, '192.0.2.10');
    expect(inside.statusCode).toBe(200);

    const required = await call('PUT', '/api/inventory/settings', 'authority-admin', { ...(put.json() as object), requireCredentials: true });
    expect(required.statusCode).toBe(200);
    const refused = await send(protocol, { serial: 'REQ-1', name: 'x', deviceId: 'req-1-2026-01-05-10-00-00', tag: schoolA.uai }, '192.0.2.11');
    expect(refused.statusCode).toBe(401);
    expect(await t.ctx.db.select().from(assets).where(eq(assets.serial, 'REQ-1'))).toHaveLength(0);
    expect(await t.ctx.db.select().from(unassignedReports).where(eq(unassignedReports.deviceId, 'req-1-2026-01-05-10-00-00'))).toHaveLength(1);
    await call('PUT', '/api/inventory/settings', 'authority-admin', { ...(required.json() as object), requireCredentials: false, tagsOnlyFromNetworks: false });
  });
});
