import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/app.js';
import { assets } from '../../../parc/db/schema.js';
import { campaigns, dossiers } from '../../db/schema.js';
import { projectLoans } from '../../project-loan/db/schema.js';
import { as } from '../../testing.js';
import { fleetDevices } from '../testing.js';
import { seedCampagnesDemo } from '../../demo/seed-campagnes-demo.js';

/** The Hauts-de-France calls of the demo, seeded on tenant A of the test world (its lycées stand in for the Région's). */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  for (const e of t.ids.establishments.all) await fleetDevices(t.ctx.db, t.ids.a.tenantId, e.id, 'desktop', 6, '2017-09-01');
  await seedCampagnesDemo({ ctx: t.ctx, database: t.database, password: 'x', tenants: new Map([['hauts-de-france', t.ids.a.tenantId]]), shared: new Map([['referentiel', { firstLycee: t.ids.staffSchool.id }]]) });
});
afterAll(() => t.close());

describe('the campaigns demo', () => {
  it('opens a renewal call for the lycées with files in several states, requests read from the fleet and an arbitration under way', async () => {
    const [call] = await t.ctx.db.select().from(campaigns).where(and(eq(campaigns.tenantId, t.ids.a.tenantId), eq(campaigns.code, 'renouvellement-2027')));
    expect(call).toMatchObject({ kind: 'renewal', status: 'published', budgetCents: 45_000_000 });
    const files = await t.ctx.db.select().from(dossiers).where(and(eq(dossiers.tenantId, t.ids.a.tenantId), eq(dossiers.campaignId, call.id)));
    expect(files.length).toBe(Math.min(12, t.ids.establishments.all.length));
    expect(new Set(files.map((f) => f.state)).size).toBeGreaterThanOrEqual(3);
    // the referent's own school opens first, as a draft it can complete
    expect(files.find((f) => f.number === 1)).toMatchObject({ establishmentId: t.ids.staffSchool.id, state: 'brouillon' });
    const page = await as(t, 'authority-admin', 'GET', `/api/campaigns/${call.id}/renewal-arbitration`);
    expect(page.statusCode).toBe(200);
    expect(page.json().grantedCents).toBeGreaterThan(0);
    expect(page.json().files.some((f: { overAsked: boolean }) => f.overAsked)).toBe(true);
    const own = await as(t, 'establishment-staff', 'GET', `/api/renewal-files/${files.find((f) => f.number === 1)!.id}`);
    expect(own.json()).toMatchObject({ permissions: { request: true }, fleet: [expect.objectContaining({ assetClass: 'desktop', count: 6 })] });
  });

  it('opens a tablet project call with a few files, one accepted whose tablets are lent in the Parc', async () => {
    const [call] = await t.ctx.db.select().from(campaigns).where(and(eq(campaigns.tenantId, t.ids.a.tenantId), eq(campaigns.code, 'projets-tablettes-2027')));
    const loans = await t.ctx.db.select().from(projectLoans).where(and(eq(projectLoans.tenantId, t.ids.a.tenantId), eq(projectLoans.campaignId, call.id)));
    expect(loans).toHaveLength(4);
    const lent = loans.filter((l) => l.assetIds.length);
    expect(lent).toHaveLength(1);
    const devices = await t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.status, 'lent')));
    expect(devices).toHaveLength(16);
    expect(devices[0].loanDue).toBe(lent[0].endsOn);
  });
});
