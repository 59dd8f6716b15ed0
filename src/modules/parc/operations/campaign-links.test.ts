import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { lendForProject, recordFamilyDevice, returnProjectLoan, schoolFleetSummary, schoolsFleetSummary } from './campaign-links.js';
import { actingAs, assetRow, historyOf, insertAsset } from './testing-assets.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('what the campaigns do to the fleet', () => {
  it('records a family device as BYOD owned by the family, funded by the aid, with its history', async () => {
    const staff = await actingAs(t, 'establishment-staff');
    const school = t.ids.staffSchool;
    const input = { tenantId: t.ids.a.tenantId, establishmentId: school.id, name: 'Lucas Martin', serial: 'ab 12 cd', model: 'Portable 11,6"', priceCents: 44_900, deliveredOn: '2026-09-10', reference: 'FA-1' };
    const { id } = await t.ctx.db.transaction((tx) => recordFamilyDevice(staff, tx, input));
    const row = await assetRow(t, id);
    expect(row).toMatchObject({ assetClass: 'byod', ownerKind: 'family', fundingSource: 'family-aid', serial: 'AB12CD', purchasePrice: '449.00', establishmentId: school.id });
    expect((await historyOf(t, id))[0].summary).toContain('FA-1');
    // the same serial twice would split one machine's history
    await expect(t.ctx.db.transaction((tx) => recordFamilyDevice(staff, tx, { ...input, reference: 'FA-2' }))).rejects.toThrow(/numéro de série AB12CD/);
  });

  it('lends stock tablets to a school project with its dates, or nothing when the stock is short', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const school = t.ids.establishments.unit2[0];
    const stock = [];
    for (let i = 0; i < 3; i++) stock.push((await insertAsset(t, { assetClass: 'tablet', status: 'in-stock', establishmentId: null })).id);
    const input = { tenantId: t.ids.a.tenantId, establishmentId: school.id, assetClass: 'tablet' as const, quantity: 4, borrower: 'Projet robotique', from: '2026-09-01', until: '2026-12-18' };
    const short = await t.ctx.db.transaction((tx) => lendForProject(admin, tx, input)).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(AppError);
    expect((short as AppError).message).toMatch(/Stock insuffisant : 3 tablette\(s\) disponible\(s\) pour 4/);
    expect((await assetRow(t, stock[0])).status).toBe('in-stock');
    const { assetIds } = await t.ctx.db.transaction((tx) => lendForProject(admin, tx, { ...input, quantity: 2 }));
    expect(assetIds).toHaveLength(2);
    const lent = await assetRow(t, assetIds[0]);
    expect(lent).toMatchObject({ status: 'lent', establishmentId: school.id, loanBorrower: 'Projet robotique', loanDue: '2026-12-18' });
    expect((await historyOf(t, assetIds[0])).at(-1)!.summary).toBe('Prêté pour le projet « Projet robotique » du 2026-09-01 au 2026-12-18');
  });

  it('returns a loan to the stock, history kept; a device no longer lent to the school stays where it is', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const school = t.ids.establishments.unit2[1];
    for (let i = 0; i < 3; i++) await insertAsset(t, { assetClass: 'laptop', status: 'in-stock', establishmentId: null });
    const input = { tenantId: t.ids.a.tenantId, establishmentId: school.id, assetClass: 'laptop' as const, quantity: 3, borrower: 'Projet radio', from: '2026-09-01', until: '2026-12-18' };
    const { assetIds } = await t.ctx.db.transaction((tx) => lendForProject(admin, tx, input));
    // one of them was declared lost meanwhile: the return does not bring it back
    await t.ctx.db.execute(sql`update parc.assets set status = 'lost' where tenant_id = ${t.ids.a.tenantId} and id = ${assetIds[2]}`);
    const back = await t.ctx.db.transaction((tx) => returnProjectLoan(admin, tx, { tenantId: t.ids.a.tenantId, establishmentId: school.id, assetIds, reason: 'dossier n° 7 rouvert' }));
    expect(back).toEqual({ returnedIds: expect.arrayContaining([assetIds[0], assetIds[1]]), keptIds: [assetIds[2]] });
    expect(await assetRow(t, assetIds[0])).toMatchObject({ status: 'in-stock', establishmentId: null, loanBorrower: null, loanDue: null });
    expect((await assetRow(t, assetIds[2])).status).toBe('lost');
    const history = (await historyOf(t, assetIds[0])).map((e) => e.summary);
    expect(history.slice(-2)).toEqual(['Prêté pour le projet « Projet radio » du 2026-09-01 au 2026-12-18', 'Rendu au stock : dossier n° 7 rouvert']);
  });

  it('sums several schools’ fleets in one query, each school apart', async () => {
    const [one, two] = [t.ids.establishments.noUnitLille, t.ids.establishments.noUnitAmiens];
    await insertAsset(t, { assetClass: 'printer', establishmentId: one.id, purchaseDate: '2020-01-10' });
    await insertAsset(t, { assetClass: 'printer', establishmentId: one.id, purchaseDate: '2021-01-10' });
    await insertAsset(t, { assetClass: 'printer', establishmentId: two.id, purchaseDate: '2021-01-10' });
    const bySchool = await schoolsFleetSummary(t.ctx.db, { tenantId: t.ids.a.tenantId, establishmentIds: [one.id, two.id, one.id], today: '2026-09-01' });
    expect(bySchool.get(one.id)).toEqual([expect.objectContaining({ assetClass: 'printer', count: 2 })]);
    expect(bySchool.get(two.id)).toEqual(await schoolFleetSummary(t.ctx.db, { tenantId: t.ids.a.tenantId, establishmentId: two.id, today: '2026-09-01' }));
  });

  it('sums a school fleet by class with age, warranty and renewal', async () => {
    const school = t.ids.establishments.unit1[1];
    await insertAsset(t, { assetClass: 'desktop', establishmentId: school.id, purchaseDate: '2019-01-10', warrantyEnd: '2022-01-10' });
    await insertAsset(t, { assetClass: 'desktop', establishmentId: school.id, purchaseDate: '2025-01-10', warrantyEnd: '2030-01-10' });
    await insertAsset(t, { assetClass: 'desktop', establishmentId: school.id, status: 'retired', purchaseDate: '2010-01-10' });
    const lines = await schoolFleetSummary(t.ctx.db, { tenantId: t.ids.a.tenantId, establishmentId: school.id, today: '2026-09-01' });
    expect(lines).toEqual([
      { assetClass: 'desktop', count: 2, averageAgeYears: 4.6, underWarranty: 1, warrantyExpired: 1, renewalDueNow: 1, renewalDueNextYear: 0, expectedLifeYears: 5 },
    ]);
  });
});
