import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { assets } from '../db/schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const school = t.ids.establishments.unit1[0];
  await t.ctx.db.insert(assets).values(
    ['pc-cdi-02', 'PC-CDI-03', 'PC-CDI-01', 'Portable-prof'].map((name, i) => ({
      tenantId: t.ids.a.tenantId,
      establishmentId: school.id,
      assetClass: 'desktop',
      status: 'in-service',
      name,
      serial: `SN-ORDER-${i}`,
      searchText: name.toLowerCase(),
    })),
  );
});
afterAll(() => t.close());

describe('the device list sorted by name', () => {
  it('orders names as a person reads them, whatever their case', async () => {
    const headers = await t.headers('authority-admin');
    const up = (await t.app.inject({ method: 'GET', url: '/api/assets?sort=name&order=asc', headers })).json();
    expect(up.items.map((i: { name: string }) => i.name)).toEqual(['PC-CDI-01', 'pc-cdi-02', 'PC-CDI-03', 'Portable-prof']);
    const down = (await t.app.inject({ method: 'GET', url: '/api/assets?sort=name&order=desc', headers })).json();
    expect(down.items.map((i: { name: string }) => i.name)).toEqual(['Portable-prof', 'PC-CDI-03', 'pc-cdi-02', 'PC-CDI-01']);
  });
});
