import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/app.js';
import { familyAidFiles } from '../db/schema.js';
import { seedFamilyAidDemo } from './seed-family-aid-demo.js';
import { dossiers } from '../../db/schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('the family aid demo', () => {
  it('opens lycee40-equipement with a few hundred files in every state and the seed’s device split', async () => {
    await seedFamilyAidDemo({ ctx: t.ctx, database: t.database, password: 'x', tenants: new Map([['grand-est', t.ids.b.tenantId]]), shared: new Map() });
    const rows = await t.ctx.db.select({ state: dossiers.state, device: familyAidFiles.deviceCode }).from(familyAidFiles).innerJoin(dossiers, eq(dossiers.id, familyAidFiles.dossierId)).where(eq(familyAidFiles.tenantId, t.ids.b.tenantId));
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'classe_sans_suite']));
    const share = (code: string) => rows.filter((r) => r.device === code).length / rows.length;
    expect(share('tablette')).toBeCloseTo(0.201, 1);
    expect(share('portable')).toBeCloseTo(0.734, 1);
    expect(share('cao')).toBeCloseTo(0.065, 1);
    const sim = await t.app.inject({ method: 'POST', url: `/api/authorities/${t.ids.b.code}/campaigns/lycee40-equipement/aid-simulation`, payload: { device: 'cao', householdIncomeCents: 0, instalments: 3, insurance: false } });
    expect(sim.json().aidCents).toBe(22_500);
  });
});
