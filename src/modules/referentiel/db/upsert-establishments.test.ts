import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type BulkSession, type Database } from '../../../server/platform/db.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import type { EstablishmentRecord } from '../establishment-record.js';
import { rebuildSearchIndex } from './search-index.js';
import {
  analyzeIfUnknown,
  createStage,
  mergeEstablishments,
  mergeStatements,
  stageBatch,
  stageEstablishments,
  type MergeBatch,
  type StagedItem,
} from './upsert-establishments.js';

/**
 * The import's set-based statements, planned on what they meet: a tenant that already has many
 * rows beside another one, the staged file analyzed. What must never come back is a lookup that
 * walks the tenant for each staged row (the quadratic import of a new authority).
 */

let database: Database;
const tenantRows = 10_000;
let big: string;

beforeAll(async () => {
  database = await testDatabase();
  big = await createTenant(database.db, { code: 'grande', kind: 'region', name: 'Grande région' });
  // beside others, as on a national server: the tenant is a small part of the table
  const others = [];
  for (const code of ['voisine-1', 'voisine-2', 'voisine-3', 'voisine-4']) others.push(await createTenant(database.db, { code, kind: 'region', name: code }));
  for (const [tenant, count] of [[big, tenantRows], ...others.map((o) => [o, tenantRows] as const)] as const) {
    await database.db.execute(sql`
      INSERT INTO referentiel.establishments (tenant_id, uai, name, sector, search_text, source_hash)
      SELECT ${tenant}::uuid, lpad(i::text, 7, '0') || 'A', 'Lycée ' || i, 'public', 'lycee ' || i, 'h' || i
      FROM generate_series(1, ${count}) AS i`);
  }
  await database.db.execute(sql`ANALYZE referentiel.establishments`);
}, 120_000);
afterAll(() => database?.close());

const record = (i: number, name: string): EstablishmentRecord =>
  ({
    uai: `${String(i).padStart(7, '0')}A`,
    name,
    natureCode: '300',
    natureLabel: 'Lycée',
    sector: 'public',
    contractType: null,
    academyCode: '09',
    academyName: 'Lille',
    departmentCode: '059',
    communeCode: '59350',
    communeName: 'Lille',
    postalCode: '59000',
    address: '1 rue "de" la Paix, bâtiment \\ B',
    latitude: 50.6,
    longitude: 3.06,
    pupils: i,
    priorityEducation: null,
    tracks: ['general', 'a "quoted" track'],
    isOpen: true,
    phone: null,
    email: '',
  }) satisfies EstablishmentRecord;

/** 5 % of the tenant changed and a few hundred new schools, as a newer national file brings. */
function newerFile(): StagedItem[] {
  const changed = Array.from({ length: tenantRows / 20 }, (_, k) => 1 + k * 20);
  const fresh = Array.from({ length: 300 }, (_, k) => tenantRows + 1 + k);
  return [
    ...changed.map((i) => ({ record: record(i, `Lycée ${i} rénové`), searchText: `lycee ${i} renove`, sourceHash: `n${i}`, known: true })),
    ...fresh.map((i) => ({ record: record(i, `Lycée ${i}`), searchText: `lycee ${i}`, sourceHash: `h${i}`, known: false })),
  ];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

async function planOf(db: BulkSession['db'], statement: SQL): Promise<PlanNode> {
  const [row] = await rows<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(db, sql`EXPLAIN (FORMAT JSON) ${statement}`);
  const plan = row['QUERY PLAN'];
  return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** Every read of the establishments is a probe of the (tenant_id, uai) key, never a walk of the tenant. */
const readsOf = (plan: PlanNode, table: string) => nodes(plan).filter((n) => n['Relation Name'] === table && n['Node Type'] !== 'ModifyTable');

/**
 * The tenant's rows are read through an index, never scanned with every tenant's, and never walked
 * once per staged row: under a nested loop, a read of the establishments is a probe of the
 * (tenant_id, uai) key, and the staged file is never the loop's inner side.
 */
function expectNoWalkPerRow(plan: PlanNode): void {
  if (process.env.SHOW_PLANS) console.log(JSON.stringify(plan, null, 1));
  for (const read of readsOf(plan, 'establishments')) {
    expect(read['Node Type'], JSON.stringify(read)).not.toBe('Seq Scan');
    expect(read.Filter ?? '', 'a UAI filtered row by row').not.toMatch(/\buai\b/);
  }
  for (const loop of nodes(plan).filter((n) => n['Node Type'] === 'Nested Loop')) {
    const inner = loop.Plans![1];
    expect(readsOf(inner, 'establishment_stage'), 'the staged file read once per row').toEqual([]);
    for (const probe of readsOf(inner, 'establishments')) {
      expect(probe['Node Type'], JSON.stringify(probe)).toMatch(/^Index (Only )?Scan$/);
      expect(probe['Index Name']).toBe('establishments_uai_key');
      expect(probe['Index Cond']).toMatch(/tenant_id = .*uai = /s);
    }
  }
}

const batch = (from: number, to: number): MergeBatch => ({
  tenantId: big,
  now: new Date('2026-09-01T08:00:00Z'),
  actor: { type: 'system', id: null, label: 'Système' },
  requestId: 'plan-test',
  runId: 'run-test',
  from,
  to,
});

describe('the import merge statements', () => {
  it('on a tenant with rows: updates and inserts through the (tenant_id, uai) key, the staged file read once', async () => {
    await database.bulkTransaction(async (session) => {
      const ranges = await stageEstablishments(session, newerFile());
      expect(ranges).toEqual({ updates: { from: 0, to: 500 }, inserts: { from: 500, to: 800 } });
      const updatePlan = await planOf(session.db, mergeStatements(batch(0, 500)).update);
      expectNoWalkPerRow(updatePlan);
      expect(readsOf(updatePlan, 'establishments').length).toBeGreaterThan(0);
      const insertPlan = await planOf(session.db, mergeStatements(batch(500, 800)).insert);
      expectNoWalkPerRow(insertPlan);
      // the staged file is planned at its real size, not a guess
      const staged = nodes(insertPlan).find((n) => n['Relation Name'] === 'establishment_stage')!;
      expect(staged['Plan Rows']).toBeGreaterThan(150);
      expect(staged['Plan Rows']).toBeLessThan(600);
      throw new Rollback();
    }).catch(ignoreRollback);
  });

  it('a new authority: the whole file inserted in batches, no lookup of the tenant per row', async () => {
    const fresh = await createTenant(database.db, { code: 'nouvelle', kind: 'region', name: 'Nouvelle région' });
    const items = Array.from({ length: 6_000 }, (_, k) => ({ record: record(k + 1, `Lycée ${k + 1}`), searchText: `lycee ${k + 1}`, sourceHash: `h${k + 1}`, known: false }));
    await database.bulkTransaction(async (session) => {
      expect(await stageEstablishments(session, items)).toEqual({ updates: { from: 0, to: 0 }, inserts: { from: 0, to: 6000 } });
      // later batches meet the rows the earlier ones wrote in this transaction (no statistics yet)
      expect(await mergeEstablishments(session.db, 'insert', { ...batch(0, 3000), tenantId: fresh })).toBe(3000);
      expectNoWalkPerRow(await planOf(session.db, mergeStatements({ ...batch(3000, 6000), tenantId: fresh }).insert));
      expect(await mergeEstablishments(session.db, 'update', { ...batch(0, 0), tenantId: fresh })).toBe(0);
      expect(await mergeEstablishments(session.db, 'insert', { ...batch(3000, 6000), tenantId: fresh })).toBe(3000);
    });
    const [stored] = await rows<{ n: number; events: number; audited: number; address: string; tracks: string[]; email: string; phone: string | null }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM referentiel.establishments WHERE tenant_id = ${fresh}::uuid) AS n,
        (SELECT count(*)::int FROM platform.audit_events WHERE tenant_id = ${fresh}::uuid) AS events,
        (SELECT sum(jsonb_array_length(after -> 'created'))::int FROM platform.audit_events
          WHERE tenant_id = ${fresh}::uuid AND entity_type = 'establishment-import' AND entity_id = 'run-test') AS audited,
        e.address, e.tracks, e.email, e.phone
        FROM referentiel.establishments e WHERE e.tenant_id = ${fresh}::uuid AND e.uai = '0000001A'`,
    );
    // COPY keeps quotes, backslashes, arrays, empty strings and NULLs as the file had them
    // the audit trail in sets: one event per batch, listing the UAIs it created
    expect(stored).toEqual({ n: 6000, events: 2, audited: 6000, address: '1 rue "de" la Paix, bâtiment \\ B', tracks: ['general', 'a "quoted" track'], email: '', phone: null });
  });

  it('a new authority staged a batch at a time, each alone and unanalyzed: inserted by the key, the batch read once', async () => {
    const fresh = await createTenant(database.db, { code: 'par-lots', kind: 'region', name: 'Région par lots' });
    const items = Array.from({ length: 3_000 }, (_, k) => ({ record: record(k + 1, `Lycée ${k + 1}`), searchText: `lycee ${k + 1}`, sourceHash: `h${k + 1}`, known: false }));
    await database.bulkTransaction(async (session) => {
      await createStage(session.db);
      const first = stageBatch(session, items.slice(0, 2000), 0, true);
      const second = stageBatch(session, items.slice(2000), 2000, true);
      expect([first.range, second.range]).toEqual([{ from: 0, to: 2000 }, { from: 2000, to: 3000 }]);
      await first.copy();
      expect(await mergeEstablishments(session.db, 'insert', { ...batch(0, 2000), tenantId: fresh })).toBe(2000);
      await second.copy();
      const [{ staged }] = await rows<{ staged: number }>(session.db, sql`SELECT count(*)::int AS staged FROM establishment_stage`);
      expect(staged).toBe(1000);
      expectNoWalkPerRow(await planOf(session.db, mergeStatements({ ...batch(2000, 3000), tenantId: fresh }).insert));
      expect(await mergeEstablishments(session.db, 'insert', { ...batch(2000, 3000), tenantId: fresh })).toBe(1000);
      throw new Rollback();
    }).catch(ignoreRollback);
  });

  it('a tenant the statistics do not know yet: analyzed first, then no walk of the tenant per staged row', async () => {
    const late = await createTenant(database.db, { code: 'tardive', kind: 'region', name: 'Région tardive' });
    await database.db.execute(sql`
      INSERT INTO referentiel.establishments (tenant_id, uai, name, sector, search_text, source_hash)
      SELECT ${late}::uuid, lpad(i::text, 7, '0') || 'A', 'Lycée ' || i, 'public', 'lycee ' || i, 'h' || i
      FROM generate_series(1, ${tenantRows}) AS i`);
    await database.bulkTransaction(async (session) => {
      await stageEstablishments(session, newerFile());
      expect(await analyzeIfUnknown(session.db, late, tenantRows)).toBe(true);
      expect(await analyzeIfUnknown(session.db, late, tenantRows)).toBe(false);
      expectNoWalkPerRow(await planOf(session.db, mergeStatements({ ...batch(0, 500), tenantId: late }).update));
      throw new Rollback();
    }).catch(ignoreRollback);
  });
});

describe('the night\'s rebuild of the search index', () => {
  it('leaves one valid index, smaller than the fragmented one, that searches still use', async () => {
    // every school of the tenant moved once more: the row-by-row writes that fragment a GIN index
    await database.db.execute(sql`UPDATE referentiel.establishments SET search_text = search_text || ' ' WHERE tenant_id = ${big}`);
    await database.db.execute(sql`VACUUM referentiel.establishments`);
    const size = async () => (await rows<{ bytes: number }>(database.db, sql`SELECT pg_relation_size('referentiel.establishments_search_idx')::int AS bytes`))[0].bytes;
    const before = await size();
    const result = await rebuildSearchIndex(database);
    expect(result.index).toBe('referentiel.establishments_search_idx');
    expect(await size()).toBeLessThan(before);
    const indexes = await rows<{ name: string; valid: boolean }>(database.db, sql`
      SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname LIKE 'establishments_search_idx%'`);
    expect(indexes).toEqual([{ name: 'establishments_search_idx', valid: true }]);
    const [one] = await rows<{ uai: string; text: string }>(database.db, sql`
      SELECT uai, search_text AS text FROM referentiel.establishments WHERE tenant_id = ${big} ORDER BY uai LIMIT 1`);
    const found = await rows<{ uai: string }>(database.db, sql`
      SELECT uai FROM referentiel.establishments WHERE tenant_id = ${big} AND search_text LIKE ${`%${one.text}%`}`);
    expect(found.map((r) => r.uai)).toContain(one.uai);
  });
});

class Rollback extends Error {}
const ignoreRollback = (error: unknown) => {
  if (!(error instanceof Rollback)) throw error;
};
