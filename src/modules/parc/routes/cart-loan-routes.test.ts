import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { assets } from '../db/schema.js';
import { insertAsset, insertRoom } from '../operations/testing-assets.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function call(method: 'GET' | 'POST', url: string, user: TestUser, payload?: unknown) {
  return t.app.inject({ method, url, headers: await t.headers(user), payload: payload as object });
}

describe('mobile carts and loans through the API', () => {
  it('puts tablets in a cart, lists them on the cart’s page, lends the cart with them and takes it back', async () => {
    const school = t.ids.establishments.unit1[0];
    const room = await insertRoom(t, school.id, 'Salle 12', 'Bâtiment B');
    const cart = await insertAsset(t, { establishmentId: school.id, roomId: room.id, assetClass: 'mobile-cart', name: 'Classe mobile 1' });
    const tablets = [];
    for (let i = 0; i < 3; i++) tablets.push((await insertAsset(t, { establishmentId: school.id, assetClass: 'tablet', name: `Tablette ${i + 1}` })).id);

    const put = await call('POST', '/api/assets/bulk', 'technician', { action: 'put-in-cart', ids: tablets, cartId: cart.id });
    expect(put.json()).toEqual({ changed: 3, unchanged: 0 });
    const cartPage = (await call('GET', `/api/assets/${cart.id}`, 'technician')).json();
    expect(cartPage.contents.map((d: { name: string }) => d.name)).toEqual(['Tablette 1', 'Tablette 2', 'Tablette 3']);
    expect(cartPage).toMatchObject({ roomName: 'Salle 12', buildingName: 'Bâtiment B', cart: null, loan: null });
    const tablet = (await call('GET', `/api/assets/${tablets[0]}`, 'technician')).json();
    expect(tablet).toMatchObject({ cart: { id: cart.id, name: 'Classe mobile 1' }, roomName: 'Salle 12', contents: [] });

    const lent = await call('POST', '/api/assets/bulk', 'technician', { action: 'lend', ids: [cart.id], borrower: '5e A — projet sciences', until: '2099-06-30' });
    expect(lent.json()).toEqual({ changed: 4, unchanged: 0 });
    const onLoan = (await call('GET', `/api/assets/${tablets[1]}`, 'technician')).json();
    expect(onLoan).toMatchObject({ status: 'lent', loan: { borrower: '5e A — projet sciences', due: '2099-06-30', overdue: false } });
    expect(onLoan.history[0].summary).toContain('à 5e A — projet sciences jusqu’au 30/06/2099');
    const lentList = (await call('GET', `/api/assets?uai=${school.uai}&status=lent`, 'technician')).json();
    expect(lentList.total).toBe(4);

    // a loan whose day has passed stands out
    await t.ctx.db.update(assets).set({ loanDue: '2020-01-01' }).where(eq(assets.id, tablets[2]));
    expect((await call('GET', `/api/assets/${tablets[2]}`, 'technician')).json().loan).toMatchObject({ overdue: true });

    expect((await call('POST', '/api/assets/bulk', 'technician', { action: 'return', ids: [cart.id] })).json()).toEqual({ changed: 4, unchanged: 0 });
    expect((await call('GET', `/api/assets/${tablets[1]}`, 'technician')).json()).toMatchObject({ status: 'in-service', loan: null });
  });

  it('refuses a loan without borrower or date, a cart out of scope, and read-only roles', async () => {
    const mine = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id, assetClass: 'tablet' });
    const otherCart = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id, assetClass: 'mobile-cart' });
    const noBorrower = await call('POST', '/api/assets/bulk', 'technician', { action: 'lend', ids: [mine.id], borrower: ' ', until: '2099-01-01' });
    expect(noBorrower.statusCode).toBe(400);
    expect(noBorrower.json().error.message).toBeTruthy();
    expect((await call('POST', '/api/assets/bulk', 'technician', { action: 'lend', ids: [mine.id], borrower: 'x' })).statusCode).toBe(400);
    expect((await call('POST', '/api/assets/bulk', 'technician', { action: 'put-in-cart', ids: [mine.id], cartId: otherCart.id })).statusCode).toBe(404);
    expect((await call('POST', '/api/assets/bulk', 'auditor', { action: 'take-out-of-cart', ids: [mine.id] })).statusCode).toBe(403);
    expect((await call('POST', '/api/assets/bulk', 'admin-b', { action: 'take-out-of-cart', ids: [mine.id] })).statusCode).toBe(404);
  });
});

describe('GET /api/assets for one school and one class', () => {
  it('pages and counts in one statement, and counts apart past the last page', async () => {
    const school = t.ids.establishments.unit2[1] ?? t.ids.establishments.unit2[0];
    const before = (await call('GET', `/api/assets?uai=${school.uai}&class=printer`, 'authority-admin')).json().total;
    for (let i = 0; i < 7; i++) await insertAsset(t, { establishmentId: school.id, assetClass: 'printer', name: `Imprimante ${String(i).padStart(2, '0')}` });
    const first = (await call('GET', `/api/assets?uai=${school.uai}&class=printer&pageSize=5`, 'authority-admin')).json();
    expect(first.total).toBe(before + 7);
    expect(first.items).toHaveLength(5);
    for (const field of ['id', 'name', 'serial', 'uai', 'class', 'status', 'memoryMb', 'softwareCount', 'lastInventoryAt']) expect(first.items[0]).toHaveProperty(field);
    const second = (await call('GET', `/api/assets?uai=${school.uai}&class=printer&pageSize=5&page=2`, 'authority-admin')).json();
    expect(second.total).toBe(before + 7);
    expect(new Set([...first.items, ...second.items].map((i: { id: string }) => i.id)).size).toBe(before + 7);
    const past = (await call('GET', `/api/assets?uai=${school.uai}&class=printer&pageSize=5&page=9`, 'authority-admin')).json();
    expect(past).toEqual({ items: [], total: before + 7 });
    // the technician of unit 1 does not reach a school of unit 2, even by its UAI
    expect((await call('GET', `/api/assets?uai=${school.uai}&class=printer`, 'technician')).json()).toEqual({ items: [], total: 0 });
  });
});

describe('a family’s own device (BYOD)', () => {
  it('is owned by the family, funded in part by an aid, and exported so', async () => {
    const school = t.ids.establishments.unit1[0];
    const created = await call('POST', '/api/assets', 'technician', {
      class: 'byod',
      status: 'in-service',
      uai: school.uai,
      name: 'Tablette famille Durand',
      ownerKind: 'family',
      funder: 'authority',
      fundingSource: 'family-aid',
      purchasePrice: 329,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ class: 'byod', ownerKind: 'family', funder: 'authority', fundingSource: 'family-aid', purchasePrice: 329 });
    const csv = (await call('GET', `/api/assets/export?format=csv&class=byod&uai=${school.uai}`, 'technician')).body;
    expect(csv).toContain('Tablette famille Durand');
    expect(csv).toContain('Famille, avec une aide à l’équipement');
    expect((await call('POST', '/api/assets', 'technician', { class: 'byod', uai: school.uai, fundingSource: 'don' })).statusCode).toBe(400);
  });
});
