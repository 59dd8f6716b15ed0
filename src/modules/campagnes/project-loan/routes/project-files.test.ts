import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../../test/app.js';
import { budgetLines } from '../../../marches/orders/db/schema.js';
import { orderWorld, type OrderWorld } from '../../../marches/orders/testing.js';
import { AppError } from '../../../../server/platform/errors.js';
import { assetEvents, assets } from '../../../parc/db/schema.js';
import { dossierEvents } from '../../db/schema.js';
import { onDossierTransition } from '../../dossier-states.js';
import { projectLoans } from '../db/schema.js';
import { as } from '../../testing.js';
import { openKindCall, stockDevices } from '../../renewal/testing.js';

/**
 * The pedagogical project call through its routes: a project of at least a term, its acceptance
 * lending the devices in the Parc in the same transaction (or refused, nothing changed, when the
 * stock is short), and its draft order.
 */

const now = new Date('2027-01-10T11:00:00Z').getTime();
let t: TestApp;
let campaignId: string;
let w: OrderWorld;

beforeAll(async () => {
  t = await testApp({ clock: () => new Date(now) });
  campaignId = (await openKindCall(t, 'project', 'projets-test')).id;
  w = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId });
  await t.ctx.db.insert(budgetLines).values({ tenantId: t.ids.a.tenantId, memberOrganizationId: t.ids.a.tenantId, year: 2027, fundingSource: 'own-budget', label: 'Budget propre 2027', ceilingCents: 50_000_000 });
});
afterAll(() => t?.close());

const project = { title: 'Tablettes en SVT', assetClass: 'tablet', quantity: 15, startsOn: '2027-03-01', endsOn: '2027-06-30' };

/** A project file of the staff user's school, in review. */
async function inReview(body = project) {
  const d = (await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).json();
  const saved = await as(t, 'establishment-staff', 'PUT', `/api/project-files/${d.id}/project`, { ...body, version: 0 });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = (await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: {}, version: d.version })).json();
  const review = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/review`, { version: submitted.version });
  expect(review.statusCode).toBe(200);
  return review.json() as { id: string; version: number };
}

const lentTo = (establishmentId: string) =>
  t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.establishmentId, establishmentId), eq(assets.status, 'lent')));

describe('the school', () => {
  it('asks tablets or a cart for a project of at least one term: shorter, or unknown devices, are a French 400', async () => {
    const d = (await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).json();
    const short = await as(t, 'establishment-staff', 'PUT', `/api/project-files/${d.id}/project`, { ...project, endsOn: '2027-05-30', version: 0 });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.issues).toEqual([expect.objectContaining({ path: 'body.endsOn', message: expect.stringMatching(/au moins un trimestre/) })]);
    const printer = await as(t, 'establishment-staff', 'PUT', `/api/project-files/${d.id}/project`, { ...project, assetClass: 'printer', version: 0 });
    expect(printer.statusCode).toBe(400);
    const saved = await as(t, 'establishment-staff', 'PUT', `/api/project-files/${d.id}/project`, { ...project, assetClass: 'mobile-cart', quantity: 1, version: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ project: { assetClass: 'mobile-cart', quantity: 1, startsOn: '2027-03-01', endsOn: '2027-06-30', lentAssetCount: 0 }, version: 1, permissions: { request: true, order: false } });
    expect((await as(t, 'technician', 'PUT', `/api/project-files/${d.id}/project`, { ...project, version: 1 })).statusCode).toBe(403);
    expect((await as(t, 'admin-b', 'GET', `/api/project-files/${d.id}`)).statusCode).toBe(404);
  });
});

describe('acceptance', () => {
  it('is refused with a clear message and nothing changes when the Parc has too few devices in stock', async () => {
    await stockDevices(t.ctx.db, t.ids.a.tenantId, 'tablet', 10);
    const d = await inReview();
    const refused = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', version: d.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/ne peut pas être accepté : Stock insuffisant : 10 tablette\(s\) disponible\(s\) pour 15 demandé\(s\)/);
    expect((await as(t, 'authority-admin', 'GET', `/api/project-files/${d.id}`)).json()).toMatchObject({ dossier: { state: 'en_instruction' }, project: { lentAssetCount: 0 } });
    expect(await lentTo(t.ids.staffSchool.id)).toHaveLength(0);
    const events = await t.ctx.db.select().from(dossierEvents).where(and(eq(dossierEvents.tenantId, t.ids.a.tenantId), eq(dossierEvents.dossierId, d.id), eq(dossierEvents.toState, 'accepte')));
    expect(events).toHaveLength(0);
  });

  it('lends the devices in the Parc with the project’s dates, in the same step; the project then becomes a draft order once', async () => {
    await stockDevices(t.ctx.db, t.ids.a.tenantId, 'tablet', 10);
    const d = await inReview();
    const accepted = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', version: d.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const lent = await lentTo(t.ids.staffSchool.id);
    expect(lent).toHaveLength(15);
    expect(lent[0]).toMatchObject({ loanDue: '2027-06-30', loanBorrower: expect.stringMatching(/^Tablettes en SVT — .* \(dossier n° \d+\)$/) });
    const file = (await as(t, 'establishment-staff', 'GET', `/api/project-files/${d.id}`)).json();
    expect(file).toMatchObject({ dossier: { state: 'accepte' }, project: { lentAssetCount: 15, lentAt: '2027-01-10T11:00:00.000Z' }, permissions: { request: false, order: false } });
    expect((await as(t, 'authority-admin', 'GET', `/api/project-files/${d.id}`)).json().permissions.order).toBe(true);

    expect((await as(t, 'establishment-staff', 'POST', `/api/project-files/${d.id}/draft-order`, { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'tablet', priceItemId: w.items.otherLot }] })).statusCode).toBe(403);
    const ordered = await as(t, 'authority-admin', 'POST', `/api/project-files/${d.id}/draft-order`, { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'tablet', priceItemId: w.items.otherLot }] });
    expect(ordered.statusCode, ordered.body).toBe(201);
    expect(ordered.json().totalExclTaxCents).toBe(150_000);
    expect((await as(t, 'authority-admin', 'POST', `/api/project-files/${d.id}/draft-order`, { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'tablet', priceItemId: w.items.otherLot }] })).statusCode).toBe(409);
  });
});

/** A step that fails after the loan's return, in the same transaction: the reopening must leave no trace. */
let failAfterReturn: string | null = null;
onDossierTransition(async (_ctx, _tx, before, after) => {
  if (after.id === failAfterReturn && before.state === 'accepte') throw new AppError('CONFLICT', 'Panne simulée après le retour du prêt.');
});

describe('reopening an accepted project', () => {
  const loanOf = async (id: string) => (await t.ctx.db.select().from(projectLoans).where(and(eq(projectLoans.tenantId, t.ids.a.tenantId), eq(projectLoans.dossierId, id))))[0]!;
  const devices = (ids: string[]) => t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), inArray(assets.id, ids)));
  const kinds = async (id: string) => (await t.ctx.db.select().from(dossierEvents).where(and(eq(dossierEvents.tenantId, t.ids.a.tenantId), eq(dossierEvents.dossierId, id))).orderBy(asc(dossierEvents.at))).map((e) => e.kind);

  async function acceptedWithLoan() {
    await stockDevices(t.ctx.db, t.ids.a.tenantId, 'tablet', 15);
    const d = await inReview();
    const accepted = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', version: d.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { assetIds } = await loanOf(d.id);
    expect(assetIds).toHaveLength(15);
    expect((await devices(assetIds)).every((a) => a.status === 'lent' && a.establishmentId === t.ids.staffSchool.id)).toBe(true);
    return { id: d.id, version: accepted.json().version as number, assetIds };
  }

  it('returns the loaned devices to the stock in the same step; the file and the devices keep the loan in their history', async () => {
    const d = await acceptedWithLoan();
    const reopened = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/reopening`, { reason: 'Le projet change de classe.', version: d.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().state).toBe('en_instruction');
    const back = await devices(d.assetIds);
    expect(back).toHaveLength(15);
    for (const device of back) expect(device).toMatchObject({ status: 'in-stock', establishmentId: null, loanBorrower: null, loanDue: null });
    expect(await loanOf(d.id)).toMatchObject({ assetIds: [], lentAt: null });
    expect((await as(t, 'establishment-staff', 'GET', `/api/project-files/${d.id}`)).json()).toMatchObject({ dossier: { state: 'en_instruction' }, project: { lentAssetCount: 0, lentAt: null } });
    expect(await kinds(d.id)).toEqual(expect.arrayContaining(['loan', 'reopen', 'loan-returned']));
    const history = await t.ctx.db.select().from(assetEvents).where(and(eq(assetEvents.tenantId, t.ids.a.tenantId), eq(assetEvents.assetId, d.assetIds[0]!))).orderBy(asc(assetEvents.id));
    expect(history.map((e) => e.summary)).toEqual([expect.stringMatching(/^Prêté pour le projet « Tablettes en SVT/), expect.stringMatching(/^Rendu au stock : dossier n° \d+ rouvert$/)]);

    // the decision changes: refused, nothing more moves; accepted again, it borrows anew from the stock
    const refused = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'refuse', version: reopened.json().version });
    expect(refused.statusCode, refused.body).toBe(200);
    expect((await devices(d.assetIds)).every((a) => a.status === 'in-stock')).toBe(true);
    const again = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/reopening`, { reason: 'Finalement retenu.', version: refused.json().version });
    const accepted = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', version: again.json().version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await loanOf(d.id)).assetIds).toHaveLength(15);
  });

  it('changes neither the file nor the fleet when a later step of the reopening fails', async () => {
    const d = await acceptedWithLoan();
    failAfterReturn = d.id;
    try {
      const reopened = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/reopening`, { reason: 'Le projet change de classe.', version: d.version });
      expect(reopened.statusCode).toBe(409);
      expect(reopened.json().error.message).toBe('Panne simulée après le retour du prêt.');
    } finally {
      failAfterReturn = null;
    }
    expect((await as(t, 'authority-admin', 'GET', `/api/dossiers/${d.id}`)).json()).toMatchObject({ state: 'accepte', version: d.version });
    expect((await loanOf(d.id)).assetIds).toEqual(d.assetIds);
    expect((await devices(d.assetIds)).every((a) => a.status === 'lent' && a.establishmentId === t.ids.staffSchool.id)).toBe(true);
    expect(await kinds(d.id)).not.toContain('loan-returned');
    const returns = await t.ctx.db.select().from(assetEvents).where(and(eq(assetEvents.tenantId, t.ids.a.tenantId), inArray(assetEvents.assetId, d.assetIds), like(assetEvents.summary, 'Rendu au stock%')));
    expect(returns).toHaveLength(0);
  });
});
