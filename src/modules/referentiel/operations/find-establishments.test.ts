import { sql, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../server/platform/authz.js';
import { systemCtx, type Ctx } from '../../../server/platform/context.js';
import { rows, type Database } from '../../../server/platform/db.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import { establishments } from '../db/schema.js';
import {
  boundedWalk,
  encodeCursor,
  establishmentTotals,
  establishmentWhere,
  findEstablishments,
  findEstablishmentsInput,
  keysetStretches,
  offsetPage,
  searchCountCap,
  sortableColumns,
  sparseFilters,
  type FindEstablishmentsInput,
} from './find-establishments.js';

/**
 * The list on a tenant with many rows beside another one: deep pages by cursor give exactly the
 * rows the page numbers give, in both directions and for every sort (nullable keys included), and
 * the statements are planned as index walks of the page, never a sort or a scan of the tenant.
 */

let database: Database;
let big: string;
let dense: string;
const tenantRows = 6_000;

function adminOf(tenantId: string): Actor {
  return {
    kind: 'user',
    id: '00000000-0000-4000-8000-000000000001',
    label: 'Admin',
    tenantId,
    tenantCode: 'grande',
    assignments: [{ id: 'a1', role: 'authority-admin', organizationId: tenantId, organizationCode: 'grande', establishmentId: null, unitIds: [], level: null, academyCode: null }],
  };
}
const ctxOf = (tenantId: string): Ctx => ({ ...systemCtx(database), actor: adminOf(tenantId) });
const input = (query: Record<string, string>): FindEstablishmentsInput => findEstablishmentsInput.parse(query);

beforeAll(async () => {
  database = await testDatabase();
  big = await createTenant(database.db, { code: 'grande', kind: 'region', name: 'Grande région' });
  const other = await createTenant(database.db, { code: 'voisine', kind: 'region', name: 'Voisine' });
  for (const tenant of [big, other]) {
    // one school in fifty is a « Lycée Saint-… »; every seventh has no commune, pupils or nature;
    // update times carry microseconds, which a JavaScript date would round
    await database.db.execute(sql`
      INSERT INTO referentiel.establishments
        (tenant_id, uai, name, sector, search_text, source_hash, commune_name, pupils, nature_code, academy_code, department_code, updated_at, priority_education)
      SELECT ${tenant}::uuid, lpad(i::text, 7, '0') || 'A',
        CASE WHEN i % 50 = 0 THEN 'Lycée Saint-' || (i % 7) ELSE 'Collège ' || (i % 997) END,
        'public',
        CASE WHEN i % 50 = 0 THEN 'lycee saint ' || (i % 7) ELSE 'college ' || (i % 997) END,
        'h' || i,
        CASE WHEN i % 7 = 0 THEN NULL ELSE 'Commune ' || (i % 13) END,
        CASE WHEN i % 7 = 0 THEN NULL ELSE i % 300 END,
        CASE WHEN i % 7 = 0 THEN NULL ELSE (300 + i % 5)::text END,
        '09', CASE WHEN i % 20 = 0 THEN '035' ELSE '059' END,
        timestamptz '2026-01-01' + (i % 400) * interval '1 hour' + (i % 3) * interval '7 microseconds',
        -- one school in twenty is REP+, and all of them lie in the first third by UAI
        CASE WHEN i % 20 = 0 AND i <= ${tenantRows / 3} THEN 'REP+' END
      FROM generate_series(1, ${tenantRows}) AS i`);
  }
  // a word most schools carry, the first 1,200 by name without it: a page of it lies past the sort index's first rows
  dense = await createTenant(database.db, { code: 'dense', kind: 'region', name: 'Dense' });
  await database.db.execute(sql`
    INSERT INTO referentiel.establishments (tenant_id, uai, name, sector, search_text, source_hash)
    SELECT ${dense}::uuid, lpad(i::text, 7, '0') || 'D',
      CASE WHEN i <= 1200 THEN 'Alpha ' || i ELSE 'Zeta école ' || i END, 'public',
      CASE WHEN i <= 1200 THEN 'alpha ' || i ELSE 'zeta ecole ' || i END, 'd' || i
    FROM generate_series(1, 4000) AS i`);
  // as an import leaves them: statistics taken, the trigram index's pending list merged
  await database.db.execute(sql`ANALYZE referentiel.establishments`);
  await database.db.execute(sql`SELECT gin_clean_pending_list('referentiel.establishments_search_idx')`);
}, 120_000);
afterAll(() => database?.close());

const uais = (page: { items: { uai: string }[] }) => page.items.map((e) => e.uai);

describe('keyset paging', () => {
  it('walks every sort both ways by cursor and finds the rows the page numbers give', async () => {
    const ctx = ctxOf(big);
    for (const sort of sortableColumns) {
      for (const order of ['asc', 'desc']) {
        const filters = { departmentCode: '035', sort, order };
        const reference = await findEstablishments(ctx, input({ ...filters, pageSize: '500' }));
        expect(reference.total).toBe(tenantRows / 20);
        const forward: string[] = [];
        let page = await findEstablishments(ctx, input({ ...filters, pageSize: '25' }));
        expect(page.previousCursor).toBeNull();
        forward.push(...uais(page));
        while (page.nextCursor) {
          page = await findEstablishments(ctx, input({ ...filters, pageSize: '25', after: page.nextCursor }));
          forward.push(...uais(page));
        }
        expect(forward, `${sort} ${order}`).toEqual(uais(reference));
        const backward = uais(page);
        while (page.previousCursor) {
          page = await findEstablishments(ctx, input({ ...filters, pageSize: '25', before: page.previousCursor }));
          backward.unshift(...uais(page));
        }
        expect(backward, `${sort} ${order} backwards`).toEqual(uais(reference));
      }
    }
  }, 120_000);

  it('gives by cursor the page 40 that the page number gives', async () => {
    const ctx = ctxOf(big);
    const page39 = await findEstablishments(ctx, input({ page: '39', sort: 'updatedAt', order: 'desc' }));
    const page40 = await findEstablishments(ctx, input({ page: '40', sort: 'updatedAt', order: 'desc' }));
    const byCursor = await findEstablishments(ctx, input({ sort: 'updatedAt', order: 'desc', after: page39.nextCursor! }));
    expect(uais(byCursor)).toEqual(uais(page40));
    expect(byCursor.total).toBe(tenantRows);
    const back = await findEstablishments(ctx, input({ sort: 'updatedAt', order: 'desc', before: page40.previousCursor! }));
    expect(uais(back)).toEqual(uais(page39));
  });

  it('gives the whole list’s first pages through its prepared statements as the walk gives them', async () => {
    const ctx = ctxOf(big);
    const where = establishmentWhere(ctx, {});
    for (const sort of sortableColumns) {
      for (const order of ['asc', 'desc'] as const) {
        for (const page of [1, 3]) {
          const prepared = await findEstablishments(ctx, input({ sort, order, page: String(page), pageSize: '50' }));
          const walked = await offsetPage(ctx, where, { sort, order, page, pageSize: 50 });
          expect(uais(prepared), `${sort} ${order} ${page}`).toEqual(walked.map((r) => r.uai));
          expect(prepared.total).toBe(tenantRows);
        }
      }
    }
    // another tenant through the same statements
    const other = await findEstablishments(ctxOf(dense), input({ sort: 'name', order: 'desc', page: '3', pageSize: '50' }));
    expect(uais(other)).toEqual((await offsetPage(ctxOf(dense), establishmentWhere(ctxOf(dense), {}), { sort: 'name', order: 'desc', page: 3, pageSize: 50 })).map((r) => r.uai));
  });

  it('refuses a cursor that is not one, or was taken under another sort, with a French message', async () => {
    const ctx = ctxOf(big);
    await expect(findEstablishments(ctx, input({ after: 'pas-un-curseur' }))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Curseur/) });
    const byName = encodeCursor('name', { key: 'Lycée', uai: '0000001A' });
    await expect(findEstablishments(ctx, input({ sort: 'pupils', after: byName }))).rejects.toMatchObject({ code: 'VALIDATION' });
    const notAnInteger = encodeCursor('pupils', { key: 'douze', uai: '0000001A' });
    // a forged key of the wrong type is refused before PostgreSQL's cast would fail (a 500)
    await expect(findEstablishments(ctx, input({ sort: 'pupils', after: notAnInteger }))).rejects.toMatchObject({ code: 'VALIDATION' });
    const notADate = encodeCursor('updatedAt', { key: 'hier', uai: '0000001A' });
    await expect(findEstablishments(ctx, input({ sort: 'updatedAt', before: notADate }))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('counts once, then serves the total from the cache until a write invalidates it', async () => {
    const ctx = ctxOf(big);
    const first = await findEstablishments(ctx, input({ departmentCode: '035' }));
    await database.db.execute(sql`UPDATE referentiel.establishments SET department_code = '035' WHERE tenant_id = ${big} AND uai = '0000001A'`);
    expect((await findEstablishments(ctx, input({ departmentCode: '035' }))).total).toBe(first.total);
    ctx.cache.invalidate(establishmentTotals);
    expect((await findEstablishments(ctx, input({ departmentCode: '035' }))).total).toBe(first.total + 1);
    await database.db.execute(sql`UPDATE referentiel.establishments SET department_code = '059' WHERE tenant_id = ${big} AND uai = '0000001A'`);
    ctx.cache.invalidate(establishmentTotals);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

async function planOf(statement: SQLWrapper): Promise<PlanNode> {
  const [row] = await rows<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(database.db, sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement}`);
  const plan = row['QUERY PLAN'];
  const root = (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
  if (process.env.SHOW_PLANS) console.log(JSON.stringify(root, null, 1));
  return root;
}
const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];
const reads = (plan: PlanNode) => nodes(plan).filter((n) => n['Relation Name'] === 'establishments' || n['Index Name']?.startsWith('establishments_'));

/** Read the page through the sort index: no Sort node, no Seq Scan, only about a page of index entries. */
function expectIndexWalk(plan: PlanNode, index: string, atMostRows: number) {
  expect(nodes(plan).map((n) => n['Node Type'])).not.toContain('Sort');
  expect(nodes(plan).map((n) => n['Node Type'])).not.toContain('Seq Scan');
  const [scan] = reads(plan);
  expect(scan['Node Type']).toMatch(/^Index (Only )?Scan$/);
  expect(scan['Index Name']).toBe(index);
  expect(scan['Actual Rows']).toBeLessThanOrEqual(atMostRows);
}

describe('search', () => {
  it('counts a search in the pass that sorts its matches, up to 1,000, then reads a word most schools carry down the sort index', async () => {
    for (const tenant of [big, dense]) {
      const ctx = ctxOf(tenant);
      const counted = (where: ReturnType<typeof establishmentWhere>) => ctx.db.select({ n: sql<number>`count(*)::int` }).from(establishments).where(where);
      for (const search of ['college', 'ecole', 'lycée saint', 'zeta ecole 39']) {
        const [{ n }] = await counted(establishmentWhere(ctx, { search }));
        for (const order of ['asc', 'desc']) {
          ctx.cache.invalidate(establishmentTotals);
          const pages = ['1', '2', '3'];
          // the total unknown: matches sorted and counted in one pass; known: the bounded walk, or the matches when it does not fill
          const first = await Promise.all(pages.map((page) => findEstablishments(ctx, input({ search, order, page }))));
          const again = await Promise.all(pages.map((page) => findEstablishments(ctx, input({ search, order, page }))));
          // beyond the cap the total says « more than 1,000 »
          const shown = Math.min(n, searchCountCap);
          for (const [i, page] of first.entries()) {
            expect(page.total, `${search} ${order}`).toBe(shown);
            expect(page.totalIsLowerBound, `${search} ${order}`).toBe(n > searchCountCap);
            expect(again[i].total).toBe(shown);
            expect(again[i].totalIsLowerBound).toBe(n > searchCountCap);
            expect(uais(again[i]), `${search} ${order} page ${i + 1}`).toEqual(uais(page));
          }
          const reference = await ctx.db
            .select({ uai: establishments.uai })
            .from(establishments)
            .where(establishmentWhere(ctx, { search }))
            .orderBy(...(order === 'asc' ? [sql`name asc, uai asc`] : [sql`name desc, uai desc`]))
            .limit(75);
          expect(first.flatMap(uais), `${search} ${order}`).toEqual(reference.map((r) => r.uai));
        }
      }
    }
  });

  it('reads a dense search down the name index for one page, and stops at its budget when the matches lie further', async () => {
    const ctx = ctxOf(dense);
    const base = establishmentWhere(ctx, {});
    const walkOf = (order: 'asc' | 'desc') => boundedWalk(ctx, base, 'ecole', { sort: 'name', byUaiOnly: false, up: order === 'asc', limit: 26, offset: 0, budget: 1000 });
    const down = await planOf(walkOf('desc'));
    expect(nodes(down).map((n) => n['Node Type'])).not.toContain('Sort');
    expect(reads(down)[0]['Index Name']).toBe('establishments_name_idx');
    expect(reads(down)[0]['Actual Rows']).toBeLessThanOrEqual(26);
    expect(await walkOf('desc')).toHaveLength(26);
    // by name going up, the first 1,000 schools are « Alpha »: nothing found within the budget, the caller sorts the matches
    const up = await planOf(walkOf('asc'));
    expect(reads(up)[0]['Actual Rows']).toBe(1000);
    expect(await walkOf('asc')).toHaveLength(0);
  });
});

describe('plans on a tenant with many rows beside another', () => {
  it('reads page 40 by name as an index walk of its 1,000 first entries, and by cursor of one page', async () => {
    const ctx = ctxOf(big);
    const where = establishmentWhere(ctx, {});
    expectIndexWalk(await planOf(offsetPage(ctx, where, { sort: 'name', order: 'asc', page: 40, pageSize: 25 }, 26)), 'establishments_name_idx', 39 * 25 + 26);
    const [row39] = await offsetPage(ctx, where, { sort: 'name', order: 'asc', page: 975, pageSize: 1 });
    const [stretch] = keysetStretches(ctx, where, { sort: 'name', order: 'asc' }, row39, false);
    const plan = await planOf(stretch(26));
    expectIndexWalk(plan, 'establishments_name_idx', 26);
    expect(reads(plan)[0]['Index Cond']).toMatch(/ROW\(name, uai\) >|\(name, uai\) >/);
  });

  it('walks a nullable key deep by cursor through its index too', async () => {
    const ctx = ctxOf(big);
    const where = establishmentWhere(ctx, {});
    const [deep] = await offsetPage(ctx, where, { sort: 'pupils', order: 'desc', page: 4000, pageSize: 1 });
    const [stretch] = keysetStretches(ctx, where, { sort: 'pupils', order: 'desc' }, deep, false);
    expectIndexWalk(await planOf(stretch(26)), 'establishments_pupils_idx', 26);
  });

  it('takes a rare filter’s matches from their index and sorts them, where a walk of the sort index would read most of the tenant', async () => {
    const ctx = ctxOf(big);
    const rare = { priorityEducation: 'REP+' as const };
    const counted = (filters: Parameters<typeof establishmentWhere>[1]) => async () =>
      (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(establishments).where(establishmentWhere(ctx, filters)))[0].n;
    expect(await sparseFilters(ctx, rare, 26, counted(rare))).toBe(true);
    expect(await sparseFilters(ctx, { departmentCode: '059' }, 26, counted({ departmentCode: '059' }))).toBe(false);
    expect(await sparseFilters(ctx, {}, 26, counted({}))).toBe(false);
    const where = establishmentWhere(ctx, rare);
    const plan = await planOf(offsetPage(ctx, where, { sort: 'uai', order: 'desc', matchesFirst: true, page: 2, pageSize: 25 }, 26));
    expect(nodes(plan).map((n) => n['Node Type'])).not.toContain('Seq Scan');
    const index = nodes(plan).find((n) => n['Index Name'] === 'establishments_priority_idx');
    expect(index?.['Actual Rows']).toBe(tenantRows / 3 / 20);
    // the same rows as the walk, by page number and by cursor
    const reference = await findEstablishments(ctx, input({ ...rare, sort: 'uai', order: 'desc', pageSize: '500' }));
    const page2 = await findEstablishments(ctx, input({ ...rare, sort: 'uai', order: 'desc', page: '2' }));
    expect(uais(page2)).toEqual(uais(reference).slice(25, 50));
    const page3 = await findEstablishments(ctx, input({ ...rare, sort: 'uai', order: 'desc', after: page2.nextCursor! }));
    expect(uais(page3)).toEqual(uais(reference).slice(50, 75));
    expect(page3.total).toBe(tenantRows / 3 / 20);
  });

  it('walks a REP filter’s page by name in the priority index’s own entries, however deep, and by cursor', async () => {
    const ctx = ctxOf(big);
    const rare = { priorityEducation: 'REP+' as const };
    // 100 matches among 6,000: sparse by count, yet the index holds them by name, so a page reads only its reach
    expect(await sparseFilters(ctx, rare, 51, async () => tenantRows / 3 / 20, 'name')).toBe(false);
    expect(await sparseFilters(ctx, rare, 51, async () => tenantRows / 3 / 20, 'uai')).toBe(true);
    const where = establishmentWhere(ctx, rare);
    for (const order of ['asc', 'desc'] as const) {
      expectIndexWalk(await planOf(offsetPage(ctx, where, { sort: 'name', order, page: 2, pageSize: 25 }, 26)), 'establishments_priority_idx', 51);
      const reference = await findEstablishments(ctx, input({ ...rare, order, pageSize: '500' }));
      const page2 = await findEstablishments(ctx, input({ ...rare, order, page: '2' }));
      expect(uais(page2)).toEqual(uais(reference).slice(25, 50));
      const [row] = page2.items.slice(-1);
      const [stretch] = keysetStretches(ctx, where, { sort: 'name', order }, { key: row.name, uai: row.uai }, false);
      expectIndexWalk(await planOf(stretch(26)), 'establishments_priority_idx', 26);
      const page3 = await findEstablishments(ctx, input({ ...rare, order, after: page2.nextCursor! }));
      expect(uais(page3)).toEqual(uais(reference).slice(50, 75));
    }
  });

  it('finds « lycée saint » through the (tenant_id, search_text) trigram index, sorting only the matches', async () => {
    const ctx = ctxOf(big);
    const where = establishmentWhere(ctx, { search: 'lycée saint' });
    for (const statement of [offsetPage(ctx, where, { sort: 'name', order: 'asc', matchesFirst: true, page: 1, pageSize: 25 }, 26), ctx.db.select({ n: sql`count(*)` }).from(establishments).where(where)]) {
      const plan = await planOf(statement);
      expect(nodes(plan).map((n) => n['Node Type'])).not.toContain('Seq Scan');
      const bitmap = nodes(plan).find((n) => n['Index Name'] === 'establishments_search_idx');
      expect(bitmap?.['Node Type']).toBe('Bitmap Index Scan');
      expect(bitmap?.['Index Cond']).toMatch(/tenant_id = .*search_text/s);
      // the matches of this tenant only (one in fifty), never the tenant's rows
      for (const sort of nodes(plan).filter((n) => n['Node Type'] === 'Sort')) expect(sort.Plans![0]['Actual Rows']).toBeLessThanOrEqual(tenantRows / 50);
    }
    const found = await findEstablishments(ctx, input({ search: 'lycée saint' }));
    expect(found.total).toBe(tenantRows / 50);
    expect(found.totalIsLowerBound).toBe(false);
  });

  it('counts a word most schools carry only up to the cap: the index stops past 1,001 matches', async () => {
    const ctx = ctxOf(big);
    ctx.cache.invalidate(establishmentTotals);
    const where = establishmentWhere(ctx, { search: 'college' });
    const plan = await planOf(sql`select count(*) from (select 1 from ${establishments} where ${where} limit ${searchCountCap + 1}) m`);
    // whichever way PostgreSQL takes them (the trigram index's bitmap, or the table when nearly every row matches), it stops at 1,001
    expect(nodes(plan).find((n) => n['Node Type'] === 'Limit')?.['Actual Rows']).toBe(searchCountCap + 1);
    const rowsOut = nodes(plan).filter((n) => ['Bitmap Heap Scan', 'Seq Scan', 'Index Scan'].includes(n['Node Type']));
    expect(rowsOut.length).toBeGreaterThan(0);
    for (const scan of rowsOut) expect(scan['Actual Rows']).toBe(searchCountCap + 1);
    const found = await findEstablishments(ctx, input({ search: 'college', pageSize: '10' }));
    expect(found).toMatchObject({ total: searchCountCap, totalIsLowerBound: true });
    expect(found.items).toHaveLength(10);
  });

  it('lists a technician’s sector from the unit index: its entries, sorted, never a walk of the tenant nor a BitmapOr of the scope', async () => {
    const ctx = ctxOf(big);
    const [unit] = await rows<{ id: string }>(
      database.db,
      sql`INSERT INTO referentiel.territorial_units (tenant_id, kind, code, name) VALUES (${big}, 'sector', 'S-TECH', 'Secteur du technicien') RETURNING id`,
    );
    await database.db.execute(sql`UPDATE referentiel.establishments SET unit_id = ${unit.id} WHERE tenant_id = ${big} AND substr(uai, 1, 7)::int % 30 = 0`);
    await database.db.execute(sql`VACUUM ANALYZE referentiel.establishments`);
    const technician: Ctx = {
      ...ctx,
      actor: { ...adminOf(big), assignments: [{ ...adminOf(big).assignments[0], role: 'technician', unitIds: [unit.id], level: 1 }] },
    };
    technician.cache.invalidate(establishmentTotals);
    const where = establishmentWhere(technician, {});
    expect(await sparseFilters(technician, {}, 26, async () => tenantRows / 30)).toBe(true);
    const plan = await planOf(offsetPage(technician, where, { sort: 'communeName', order: 'desc', matchesFirst: true, page: 3, pageSize: 25 }, 26));
    // one index condition, not the three arms of a scope ORed (a BitmapOr); on 66,000 schools, where
    // the sector's rows lie on 1,500 heap pages, PostgreSQL reads it index-only (bench/list-search-cpu.ts)
    const scan = nodes(plan).find((n) => n['Index Name'] === 'establishments_unit_idx');
    expect(scan?.['Node Type']).toMatch(/^(Index Only Scan|Bitmap Index Scan)$/);
    expect(scan?.['Index Cond']).toMatch(/unit_id = ANY/);
    expect(scan?.['Actual Rows']).toBe(tenantRows / 30);
    expect(nodes(plan).map((n) => n['Node Type'])).not.toContain('BitmapOr');
    expect(nodes(plan).map((n) => n['Node Type'])).not.toContain('Seq Scan');
    // the rows an admin sees in that unit, in the same order
    const seen = await findEstablishments(technician, input({ sort: 'communeName', order: 'desc', page: '3' }));
    const reference = await findEstablishments(ctx, input({ unitId: unit.id, sort: 'communeName', order: 'desc', pageSize: '500' }));
    expect(seen.total).toBe(tenantRows / 30);
    expect(uais(seen)).toEqual(uais(reference).slice(50, 75));
    await database.db.execute(sql`UPDATE referentiel.establishments SET unit_id = NULL WHERE tenant_id = ${big} AND unit_id = ${unit.id}`);
    ctx.cache.invalidate(establishmentTotals);
  });
});
