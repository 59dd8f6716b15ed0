import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../server/platform/authz.js';
import { openCaches, type Caches } from '../../../server/platform/cache.js';
import { systemCtx, type Ctx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import { cachedEstablishments, establishmentPages } from './find-establishments-cached.js';
import { findEstablishmentsInput } from './find-establishments.js';
import { updateEstablishment } from './update-establishment.js';

/**
 * The list's page cache across two processes (two cache facilities on one database, as two
 * servers have): a page read again is the one kept, and a school changed through the other
 * process shows on the next read of this one.
 */

let database: Database;
let tenant: string;
let here: Caches;
let there: Caches;

const admin = (tenantId: string): Actor => ({
  kind: 'user',
  id: '00000000-0000-4000-8000-000000000001',
  label: 'Admin',
  tenantId,
  tenantCode: 'cache',
  assignments: [{ id: 'a1', role: 'authority-admin', organizationId: tenantId, organizationCode: 'cache', establishmentId: null, unitIds: [], level: null, academyCode: null }],
});
const ctxOn = (caches: Caches): Ctx => ({ ...systemCtx(database, undefined, undefined, caches), actor: admin(tenant) });
const firstPage = findEstablishmentsInput.parse({ sort: 'uai', pageSize: '3' });

beforeAll(async () => {
  database = await testDatabase();
  tenant = await createTenant(database.db, { code: 'cache', kind: 'region', name: 'Région du cache' });
  await database.db.execute(sql`
    INSERT INTO referentiel.establishments (tenant_id, uai, name, sector, search_text, source_hash)
    SELECT ${tenant}::uuid, lpad(i::text, 7, '0') || 'A', 'Collège ' || i, 'public', 'college ' || i, 'h'
    FROM generate_series(1, 5) i`);
  here = await openCaches({ database });
  there = await openCaches({ database });
});
afterAll(async () => {
  await here?.close();
  await there?.close();
  await database?.close();
});

const heard = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describe('the establishments list through its page cache', () => {
  it('reads a page again from the cache, and shows a change made in another process once told', async () => {
    const before = await cachedEstablishments(ctxOn(here), firstPage);
    expect(before.items.map((e) => e.name)).toEqual(['Collège 1', 'Collège 2', 'Collège 3']);
    // a change behind the cache's back (no invalidation): the kept page is what a reader gets
    await database.db.execute(sql`UPDATE referentiel.establishments SET name = 'Renommé en douce' WHERE tenant_id = ${tenant} AND uai = '0000002A'`);
    expect((await cachedEstablishments(ctxOn(here), firstPage)).items[1].name).toBe('Collège 2');
    expect(here.of(establishmentPages).size).toBe(1);

    // the other process writes through the operation, which empties the pages everywhere once committed
    const school = before.items[0];
    await updateEstablishment(ctxOn(there), { uai: school.uai, changes: { version: school.version, name: 'Collège Jules Verne' } });
    expect(await heard(() => here.of(establishmentPages).size === 0)).toBe(true);
    const after = await cachedEstablishments(ctxOn(here), firstPage);
    expect(after.items.map((e) => e.name)).toEqual(['Collège Jules Verne', 'Renommé en douce', 'Collège 3']);
  });

  it('keeps pages apart by scope and request', async () => {
    const technician: Actor = {
      ...admin(tenant),
      id: '00000000-0000-4000-8000-000000000002',
      assignments: [{ id: 'a2', role: 'technician', organizationId: tenant, organizationCode: 'cache', establishmentId: null, unitIds: [], level: null, academyCode: null }],
    };
    const whole = await cachedEstablishments(ctxOn(here), firstPage);
    const other = await cachedEstablishments(ctxOn(here), findEstablishmentsInput.parse({ sort: 'uai', pageSize: '3', order: 'desc' }));
    const scoped = await cachedEstablishments({ ...ctxOn(here), actor: technician }, firstPage);
    expect(whole.items[0].uai).toBe('0000001A');
    expect(other.items[0].uai).toBe('0000005A');
    // a technician of no unit sees no school: not the admin's page
    expect(scoped.items).toEqual([]);
  });
});
