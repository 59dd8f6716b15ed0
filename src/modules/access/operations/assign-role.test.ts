import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { testDatabase } from '../../../test/database.js';
import { establishments } from '../../referentiel/db/schema.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { createTerritorialUnit } from '../../referentiel/operations/create-territorial-unit.js';
import { assignRole, type AssignRoleInput } from './assign-role.js';
import { createUser } from './create-user.js';

let database: Database;
const ctx = () => systemCtx(database);
let a: string, b: string, academy: string, outsider: string, userId: string;
let unitA: string, unitB: string, schoolA: string, schoolB: string;

async function school(tenantId: string, uai: string) {
  const [row] = await database.db
    .insert(establishments)
    .values({ tenantId, uai, name: `Lycée ${uai}`, sector: 'public', searchText: uai.toLowerCase() })
    .returning();
  return row.id;
}

beforeAll(async () => {
  database = await testDatabase();
  a = (await createOrganization(ctx(), { code: 'region-a', kind: 'region', name: 'Région A' })).tenantId;
  b = (await createOrganization(ctx(), { code: 'region-b', kind: 'region', name: 'Région B' })).tenantId;
  academy = (await createOrganization(ctx(), { code: 'ac-a', kind: 'academie', name: 'Académie A', academyCode: '09', partnerOf: ['region-a'] })).tenantId;
  outsider = (await createOrganization(ctx(), { code: 'presta-b', kind: 'contractor', name: 'Prestataire B', partnerOf: ['region-b'] })).tenantId;
  unitA = (await createTerritorialUnit(ctx(), { tenantId: a, code: 'AG1', name: 'Agence 1', kind: 'agency' })).id;
  unitB = (await createTerritorialUnit(ctx(), { tenantId: b, code: 'AG1', name: 'Agence 1 de B', kind: 'agency' })).id;
  schoolA = await school(a, '0590001A');
  schoolB = await school(b, '0670001B');
  userId = (await createUser(ctx(), { tenantId: a, email: 'person@essai.fr', displayName: 'Une personne' })).id;
});
afterAll(() => database.close());

const attempt = (tenantId: string, input: Partial<AssignRoleInput>) =>
  assignRole(ctx(), { tenantId, userId, organizationId: tenantId, role: 'steering', ...input } as AssignRoleInput & { tenantId: string });

describe('assignRole', () => {
  test('records a role with its scope and its audit event', async () => {
    const assignment = await attempt(a, { role: 'technician', unitIds: [unitA], level: 2 });
    expect(assignment).toMatchObject({ tenantId: a, role: 'technician', unitIds: [unitA], level: 2 });
  });

  test('refuses the same role with the same scope twice (409)', async () => {
    await expect(attempt(a, { role: 'technician', unitIds: [unitA], level: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test.each([
    ['establishment staff without a school', { role: 'establishment-staff' }, 'establishmentId'],
    ['technician without units', { role: 'technician', level: 1 }, 'unitIds'],
    ['technician without level', { role: 'technician', unitIds: ['00000000-0000-4000-8000-000000000000'] }, 'level'],
    ['level on a steering role', { role: 'steering', level: 1 }, 'level'],
    ['steering narrowed to a school', { role: 'steering', establishmentId: '00000000-0000-4000-8000-000000000000' }, 'establishmentId'],
    ['school function outside a school role', { role: 'auditor', staffFunction: 'teacher' }, 'staffFunction'],
  ] as const)('refuses a scope that does not fit the role: %s', async (_label, input, path) => {
    await expect(attempt(a, input as Partial<AssignRoleInput>)).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path }] });
  });

  test("refuses another tenant's school or unit", async () => {
    await expect(attempt(a, { role: 'establishment-staff', establishmentId: schoolB })).rejects.toMatchObject({ issues: [{ path: 'establishmentId' }] });
    await expect(attempt(a, { role: 'contractor', unitIds: [unitB] })).rejects.toMatchObject({ issues: [{ path: 'unitIds' }] });
    const ok = await attempt(a, { role: 'establishment-staff', establishmentId: schoolA, staffFunction: 'head' });
    expect(ok.staffFunction).toBe('head');
  });

  test('holds a role for the tenant or one of its partners only', async () => {
    expect((await attempt(a, { role: 'academy-staff', organizationId: academy })).organizationId).toBe(academy);
    await expect(attempt(a, { role: 'contractor', organizationId: outsider })).rejects.toMatchObject({ issues: [{ path: 'organizationId' }] });
  });
});
