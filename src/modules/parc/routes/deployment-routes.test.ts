import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUsers, type TestApp, type TestUser } from '../../../test/app.js';
import { assetEvents, assets } from '../db/schema.js';
import { glpiExampleReport } from '../inventory/testing/fixtures.js';
import { ingestReport } from '../operations/ingest-report.js';

let t: TestApp;
let now = new Date('2026-09-01T08:00:00Z');
const hours = (h: number) => new Date(Date.parse('2026-09-01T08:00:00Z') + h * 3_600_000);

beforeAll(async () => {
  t = await testApp({ clock: () => now });
});
afterAll(() => t.close());

/** Moves the clock; sessions opened before would look idle for hours, so everyone logs in again. */
function setNow(at: Date) {
  now = at;
  for (const user of testUsers) t.forgetSession(user);
}

const headers = async (user?: TestUser) => (user ? await t.headers(user) : {});
const get = async (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: await headers(user) });
const post = async (url: string, payload: unknown, user?: TestUser) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: await headers(user) });

const glpi = glpiExampleReport;

const serials = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);

describe('mass deployment', () => {
  let batchId: string;
  const lille = () => t.ids.establishments.unit1[0];

  it('records a delivery to a site with its serials, every device at "delivered"', async () => {
    const response = await post(
      '/api/deployments',
      { uai: lille().uai, label: 'Vague 1 — PC fixes', deliveredAt: now.toISOString(), expectedCount: 5, serials: [...serials('hp 5cg', 4), ' 5cg-extra '] },
      'technician',
    );
    expect(response.statusCode).toBe(201);
    const batch = response.json();
    batchId = batch.id;
    expect(batch).toMatchObject({ uai: lille().uai, expectedCount: 5, registered: 5, deadlineHours: 48, late: false, hoursLeft: 48, steps: { delivered: 5 } });
    expect(batch.deadlineAt).toBe('2026-09-03T08:00:00.000Z');
    expect(batch.items.map((i: { serial: string }) => i.serial)).toContain('HP5CG-001'); // as the inventory compares serials
    expect(batch.permissions.advance).toBe(true);
  });

  it('refuses bad delivery notes whole, with the line of each problem', async () => {
    const duplicate = await post('/api/deployments', { uai: lille().uai, label: 'Doublons', deliveredAt: now.toISOString(), serials: ['A-1', 'a-1 ', 'To be filled by O.E.M.'] }, 'technician');
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['serials.1', 'serials.2']);
    const taken = await post('/api/deployments', { uai: lille().uai, label: 'Déjà livré', deliveredAt: now.toISOString(), serials: ['NEW-1', 'HP5CG-002'] }, 'technician');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.serials).toEqual([{ serial: 'HP5CG-002', batch: 'Vague 1 — PC fixes' }]);
    expect((await get('/api/deployments', 'authority-admin')).json().summary.batches).toBe(1); // nothing half-recorded
    // delivered just now, nothing in service: no rate yet (the page shows « — », not 0 %)
    expect((await get('/api/deployments', 'authority-admin')).json().summary).toMatchObject({ expected: 5, onTime: 0, due: 0 });
    expect((await post('/api/deployments', { uai: lille().uai, label: 'Vide', deliveredAt: now.toISOString() }, 'technician')).statusCode).toBe(400);
    expect((await post('/api/deployments', { uai: lille().uai, label: 'Trop', deliveredAt: now.toISOString(), expectedCount: 1, serials: ['X-1', 'X-2'] }, 'technician')).statusCode).toBe(400);
    expect((await post('/api/deployments', { uai: lille().uai, label: 'Date', deliveredAt: 'hier' }, 'technician')).statusCode).toBe(400);
  });

  it('lets only who may update devices of the site record a delivery', async () => {
    const body = (uai: string) => ({ uai, label: 'Vague 2', deliveredAt: now.toISOString(), expectedCount: 10 });
    expect((await post('/api/deployments', body(t.ids.establishments.unit2[0].uai), 'technician')).statusCode).toBe(404);
    expect((await post('/api/deployments', body(lille().uai), 'steering')).statusCode).toBe(403);
    expect((await post('/api/deployments', body(lille().uai), 'establishment-staff')).statusCode).toBe(403);
    expect((await post('/api/deployments', body(lille().uai), 'admin-b')).statusCode).toBe(404);
    expect((await post('/api/deployments', body(lille().uai))).statusCode).toBe(401);
  });

  it('moves devices forward in bulk, never backward, and refuses a list with a serial of another batch', async () => {
    const installed = await post(`/api/deployments/${batchId}/advance`, { step: 'installed', all: true }, 'technician');
    expect(installed.statusCode).toBe(200);
    expect(installed.json()).toMatchObject({ advanced: 5, unchanged: null, deployment: { steps: { installed: 5 } } });
    setNow(hours(20));
    const imaged = await post(`/api/deployments/${batchId}/advance`, { step: 'imaged', serials: ['HP5CG-001', 'hp5cg-002', 'HP5CG-003'] }, 'technician');
    expect(imaged.json()).toMatchObject({ advanced: 3, unchanged: 0, deployment: { steps: { installed: 2, imaged: 3 } } });
    const again = await post(`/api/deployments/${batchId}/advance`, { step: 'installed', serials: ['HP5CG-001'] }, 'technician');
    expect(again.json()).toMatchObject({ advanced: 0, unchanged: 1 });
    const unknown = await post(`/api/deployments/${batchId}/advance`, { step: 'imaged', serials: ['HP5CG-004', 'NOPE-1'] }, 'technician');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.unknown).toEqual(['NOPE-1']);
    expect((await get(`/api/deployments/${batchId}`, 'technician')).json().steps).toEqual({ delivered: 0, installed: 2, imaged: 3, 'in-service': 0 });
    expect((await post(`/api/deployments/${batchId}/advance`, { step: 'imaged' }, 'technician')).statusCode).toBe(400);
    expect((await post(`/api/deployments/${batchId}/advance`, { step: 'delivered', all: true }, 'technician')).statusCode).toBe(400);
    expect((await post(`/api/deployments/${batchId}/advance`, { step: 'imaged', all: true }, 'contractor')).statusCode).toBe(403);
    expect((await post(`/api/deployments/${batchId}/advance`, { step: 'imaged', all: true }, 'admin-b')).statusCode).toBe(404);
  });

  it('puts an imaged PC in service at its first inventory, and only links one that is not imaged yet', async () => {
    setNow(hours(30));
    const tenantId = t.ids.a.tenantId;
    const imagedPc = await ingestReport(t.ctx, { tenantId, report: { ...glpi('computer_1.json'), serial: 'HP 5CG-001' }, storeLastUser: false });
    const installedPc = await ingestReport(t.ctx, { tenantId, report: { ...glpi('computer_2.json'), serial: 'HP5CG-004' }, storeLastUser: false });
    const batch = (await get(`/api/deployments/${batchId}`, 'technician')).json();
    const item = (serial: string) => batch.items.find((i: { serial: string }) => i.serial === serial);
    expect(item('HP5CG-001')).toMatchObject({ step: 'in-service', stepLabel: 'En service', assetId: imagedPc.assetId, inServiceAt: hours(30).toISOString() });
    expect(item('HP5CG-004')).toMatchObject({ step: 'installed', assetId: installedPc.assetId, firstSeenAt: hours(30).toISOString(), inServiceAt: null });
    expect(batch.steps).toEqual({ delivered: 0, installed: 2, imaged: 2, 'in-service': 1 });
    expect(batch.onTime).toBe(1);
    const history = await t.ctx.db.select().from(assetEvents).where(and(eq(assetEvents.tenantId, tenantId), eq(assetEvents.assetId, imagedPc.assetId)));
    expect(history.map((e) => e.summary)).toContain('Mis en service : premier inventaire après masterisation (livraison « Vague 1 — PC fixes »)');
    const [asset] = await t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, tenantId), eq(assets.id, imagedPc.assetId)));
    expect(asset.status).toBe('in-service');
    // the next daily inventory changes nothing more
    setNow(hours(40));
    await ingestReport(t.ctx, { tenantId, report: { ...glpi('computer_1.json'), serial: 'HP5CG-001' }, storeLastUser: false });
    expect((await get(`/api/deployments/${batchId}`, 'technician')).json().items.find((i: { serial: string }) => i.serial === 'HP5CG-001').inServiceAt).toBe(hours(30).toISOString());
  });

  it('shows late sites first once 48 hours have passed with devices not in service', async () => {
    setNow(hours(10));
    const amiens = t.ids.establishments.unit2[0];
    const other = await post('/api/deployments', { uai: amiens.uai, label: 'Vague 1 — Amiens', deliveredAt: hours(0).toISOString(), expectedCount: 2, serials: ['AM-1', 'AM-2'] }, 'authority-admin');
    expect(other.statusCode).toBe(201);
    await post(`/api/deployments/${other.json().id}/advance`, { step: 'in-service', all: true }, 'authority-admin');
    setNow(hours(60));
    const list = (await get('/api/deployments', 'authority-admin')).json();
    expect(list.items.map((b: { label: string; late: boolean; complete: boolean }) => [b.label, b.late, b.complete])).toEqual([
      ['Vague 1 — PC fixes', true, false],
      ['Vague 1 — Amiens', false, true],
    ]);
    expect(list.items[0]).toMatchObject({ hoursLate: 12, remaining: 4, inService: 1 });
    expect(list.summary).toEqual({ batches: 2, sites: 2, expected: 7, late: 1, steps: { delivered: 0, installed: 2, imaged: 2, 'in-service': 3 }, onTime: 3, due: 7 });
    const late = (await get('/api/deployments?late=true', 'authority-admin')).json();
    expect(late.items).toHaveLength(1);
    expect(late.summary.batches).toBe(1);
  });

  it('shows each actor the deliveries of their schools only', async () => {
    const tech = (await get('/api/deployments', 'technician')).json();
    expect(tech.items.map((b: { uai: string }) => b.uai)).toEqual([t.ids.establishments.unit1[0].uai]);
    const staff = (await get('/api/deployments', 'establishment-staff')).json();
    expect(staff.items).toHaveLength(1);
    expect(staff.items[0].permissions.advance).toBe(false);
    const contractorView = (await get('/api/deployments', 'contractor')).json();
    expect(contractorView.items.map((b: { uai: string }) => b.uai)).toEqual([t.ids.establishments.unit2[0].uai]);
    expect((await get(`/api/deployments/${batchId}`, 'contractor')).statusCode).toBe(404);
    expect((await get('/api/deployments', 'admin-b')).json().items).toEqual([]);
    expect((await get('/api/deployments', 'academy-staff')).statusCode).toBe(403);
    expect((await get('/api/deployments')).statusCode).toBe(401);
    expect((await get('/api/deployments/not-a-uuid', 'authority-admin')).statusCode).toBe(400);
  });
});
