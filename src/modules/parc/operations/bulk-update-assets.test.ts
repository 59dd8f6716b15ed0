import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { AppError } from '../../../server/platform/errors.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { assetEvents, assets } from '../db/schema.js';
import { bulkUpdateAssets } from './bulk-update-assets.js';
import { actingAs, historyOf, insertAsset, insertRoom } from './testing-assets.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const rowsOf = (ids: string[]) => t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), inArray(assets.id, ids)));

async function devices(n: number, values: Parameters<typeof insertAsset>[1]) {
  const list = [];
  for (let i = 0; i < n; i++) list.push(await insertAsset(t, values));
  return list.map((d) => d.id);
}

describe('bulkUpdateAssets', () => {
  it('moves 30 PCs to a room in one go, with one move line and one audit entry each', async () => {
    const tech = await actingAs(t, 'technician');
    const [from, to] = t.ids.establishments.unit1;
    const ids = await devices(30, { establishmentId: from.id });
    const room = await insertRoom(t, to.id, 'Salle informatique 2');
    const result = await bulkUpdateAssets(tech, { action: 'move', ids, uai: to.uai, roomId: room.id });
    expect(result).toEqual({ changed: 30, unchanged: 0 });
    const rows = await rowsOf(ids);
    expect(rows.every((r) => r.establishmentId === to.id && r.roomId === room.id && r.version === 2)).toBe(true);
    const events = await t.ctx.db.select().from(assetEvents).where(inArray(assetEvents.assetId, ids));
    expect(events).toHaveLength(30);
    expect(events[0].summary).toContain('salle Salle informatique 2');
    const audit = await t.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'bulk-move'), inArray(auditEvents.entityId, ids)));
    expect(audit).toHaveLength(30);
    // moving them again where they already are changes nothing
    expect(await bulkUpdateAssets(tech, { action: 'move', ids, uai: to.uai, roomId: room.id })).toEqual({ changed: 0, unchanged: 30 });
  });

  it('retires a batch, and lends a cart of tablets to a class project then takes them back', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const school = t.ids.establishments.unit2[0];
    const old = await devices(5, { establishmentId: school.id });
    expect(await bulkUpdateAssets(admin, { action: 'set-status', ids: old, status: 'retired', note: 'fin de vie 2026' })).toEqual({ changed: 5, unchanged: 0 });
    expect((await rowsOf(old)).every((r) => r.status === 'retired')).toBe(true);

    const tablets = await devices(16, { establishmentId: school.id, assetClass: 'tablet' });
    // the tablets are in a mobile cart: lending the cart lends what it holds
    const [cart] = await devices(1, { establishmentId: school.id, assetClass: 'mobile-cart', name: 'Classe mobile B' });
    expect(await bulkUpdateAssets(admin, { action: 'put-in-cart', ids: tablets, cartId: cart })).toEqual({ changed: 16, unchanged: 0 });
    expect((await rowsOf(tablets)).every((r) => r.parentAssetId === cart)).toBe(true);
    expect((await historyOf(t, tablets[0])).at(-1)!.summary).toBe('Rangé dans la classe mobile « Classe mobile B »');
    const until = '2099-06-30';
    expect(await bulkUpdateAssets(admin, { action: 'lend', ids: [cart], borrower: '4e B, projet robotique', until, note: 'Mme Martin' })).toEqual({ changed: 17, unchanged: 0 });
    const lent = await rowsOf([cart, ...tablets]);
    expect(lent.every((r) => r.status === 'lent' && r.loanBorrower === '4e B, projet robotique' && r.loanDue === until)).toBe(true);
    expect((await historyOf(t, tablets[0])).at(-1)!.summary).toBe('Statut : En service → Prêté — à 4e B, projet robotique jusqu’au 30/06/2099 — Mme Martin');
    const lendingAgain = await refusal(bulkUpdateAssets(admin, { action: 'lend', ids: tablets, borrower: 'encore', until }));
    expect(lendingAgain.code).toBe('VALIDATION');
    await bulkUpdateAssets(admin, { action: 'return', ids: [cart] });
    const back = await rowsOf([cart, ...tablets]);
    expect(back.every((r) => r.status === 'in-service' && r.loanBorrower === null && r.loanDue === null)).toBe(true);
    expect((await refusal(bulkUpdateAssets(admin, { action: 'return', ids: tablets }))).message).toMatch(/ne sont pas prêtés/);
    expect((await refusal(bulkUpdateAssets(admin, { action: 'lend', ids: old, borrower: 'x', until }))).message).toMatch(/ne peuvent pas être prêtés/);
    expect((await refusal(bulkUpdateAssets(admin, { action: 'lend', ids: tablets, borrower: 'x', until: '2001-01-01' }))).issues?.[0].path).toBe('until');
    // a device that is not a cart holds nothing; a cart does not go into itself
    expect((await refusal(bulkUpdateAssets(admin, { action: 'put-in-cart', ids: [tablets[0]], cartId: tablets[1] }))).issues?.[0].path).toBe('cartId');
    expect((await refusal(bulkUpdateAssets(admin, { action: 'put-in-cart', ids: [cart], cartId: cart }))).issues?.[0].path).toBe('cartId');
    expect(await bulkUpdateAssets(admin, { action: 'take-out-of-cart', ids: tablets.slice(0, 2) })).toEqual({ changed: 2, unchanged: 0 });
    expect((await rowsOf(tablets.slice(0, 2))).every((r) => r.parentAssetId === null)).toBe(true);
  });

  it('changes nothing when one device is out of scope, and names none of them', async () => {
    const tech = await actingAs(t, 'technician');
    const mine = await devices(3, { establishmentId: t.ids.establishments.unit1[0].id });
    const [outside] = await devices(1, { establishmentId: t.ids.establishments.unit2[0].id });
    const error = await refusal(bulkUpdateAssets(tech, { action: 'set-status', ids: [...mine, outside], status: 'retired' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/Un des équipements/);
    for (const id of [...mine, outside]) expect(error.message).not.toContain(id);
    expect((await rowsOf([...mine, outside])).every((r) => r.status === 'in-service')).toBe(true);
    const otherTenant = await refusal(bulkUpdateAssets(await actingAs(t, 'admin-b'), { action: 'set-status', ids: mine, status: 'retired' }));
    expect(otherTenant.code).toBe('NOT_FOUND');
  });

  it('refuses a move to a school out of scope and read-only roles', async () => {
    const tech = await actingAs(t, 'technician');
    const ids = await devices(2, { establishmentId: t.ids.establishments.unit1[0].id });
    expect((await refusal(bulkUpdateAssets(tech, { action: 'move', ids, uai: t.ids.establishments.unit2[0].uai, roomId: null }))).issues?.[0].path).toBe('uai');
    expect((await refusal(bulkUpdateAssets(await actingAs(t, 'establishment-staff'), { action: 'set-status', ids, status: 'lost' }))).code).toBe('FORBIDDEN');
  });
});
