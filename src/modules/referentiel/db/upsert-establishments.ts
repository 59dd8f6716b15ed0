import { sql, type SQL } from 'drizzle-orm';
import { rows, type BulkSession, type Db } from '../../../server/platform/db.js';
import type { EstablishmentRecord } from '../establishment-record.js';

/** Record field → column and SQL type, in the order of the staging table. */
const columns = [
  ['uai', 'uai', 'text'],
  ['name', 'name', 'text'],
  ['natureCode', 'nature_code', 'text'],
  ['natureLabel', 'nature_label', 'text'],
  ['sector', 'sector', 'text'],
  ['contractType', 'contract_type', 'text'],
  ['academyCode', 'academy_code', 'text'],
  ['academyName', 'academy_name', 'text'],
  ['departmentCode', 'department_code', 'text'],
  ['communeCode', 'commune_code', 'text'],
  ['communeName', 'commune_name', 'text'],
  ['postalCode', 'postal_code', 'text'],
  ['address', 'address', 'text'],
  ['latitude', 'latitude', 'float8'],
  ['longitude', 'longitude', 'float8'],
  ['pupils', 'pupils', 'int4'],
  ['priorityEducation', 'priority_education', 'text'],
  ['tracks', 'tracks', 'text[]'],
  ['isOpen', 'is_open', 'bool'],
  ['phone', 'phone', 'text'],
  ['email', 'email', 'text'],
] as const satisfies readonly (readonly [keyof EstablishmentRecord, string, string])[];

/**
 * The temporary table a file is staged in: `n` numbers the rows, the ones the tenant already has
 * (updates) first, so a batch is a range of one kind, planned from the range alone, and no
 * statement runs for nothing.
 */
export const stageTable = 'establishment_stage';
const stageColumns = ['n', ...columns.map(([, c]) => c), 'search_text', 'source_hash'];
const stageDefinition = ['n int4 NOT NULL', ...columns.map(([, c, t]) => `${c} ${t}`), 'search_text text NOT NULL', 'source_hash text'].join(', ');
const written = [...columns.map(([, c]) => c), 'search_text', 'source_hash'];
/** The audited fields of a row as JSON, keyed like EstablishmentRecord. */
const asJson = (alias: string) => `jsonb_build_object(${columns.map(([f, c]) => `'${f}', ${alias}.${c}`).join(', ')})`;

export interface StagedItem {
  record: EstablishmentRecord;
  searchText: string;
  sourceHash: string;
  /** the tenant already has this UAI: the row is an update, else an insert */
  known: boolean;
}

/**
 * Creates the staging table (dropped at commit), fills it by COPY and analyzes it, so the merge
 * statements are planned for the rows really staged (a function returning rows is guessed at 100).
 */
export async function stageEstablishments(session: BulkSession, items: StagedItem[]): Promise<StagedRanges> {
  const ordered = [...items.filter((i) => i.known), ...items.filter((i) => !i.known)];
  await createStage(session.db);
  if (ordered.length > 0) await session.copyCsv(stageTable, stageColumns, stagedCsv(ordered, 0));
  await analyzeStage(session.db);
  const known = ordered.length - items.filter((i) => !i.known).length;
  return { updates: { from: 0, to: known }, inserts: { from: known, to: ordered.length } };
}

/** The empty staging table, dropped at commit. */
export async function createStage(db: Db): Promise<void> {
  await db.execute(sql.raw(`CREATE TEMP TABLE ${stageTable} (${stageDefinition}) ON COMMIT DROP`));
}

/** Statistics of the staged rows: what the updates' join with the tenant's rows is planned on. */
export async function analyzeStage(db: Db): Promise<void> {
  await db.execute(sql.raw(`ANALYZE ${stageTable}`));
}

/**
 * Stages rows numbered after the `after` already staged: their CSV is built now, the COPY is the
 * returned function's, so an import can build a batch while PostgreSQL merges the previous one.
 * `alone` empties the staging table first: a batch merged by a range of `n` is read by a scan of
 * the whole table, and a national file staged at once (28 MB) outgrows temp_buffers (8 MB), so
 * each of its 32 batches read it all from disk again (about 100 ms a batch under load).
 */
export function stageBatch(session: BulkSession, items: StagedItem[], after: number, alone: boolean): { range: StagedRange; copy: () => Promise<void> } {
  const csv = stagedCsv(items, after);
  const copy = async () => {
    if (alone) await session.db.execute(sql`TRUNCATE ${sql.identifier(stageTable)}`);
    await session.copyCsv(stageTable, stageColumns, csv);
  };
  return { range: { from: after, to: after + items.length }, copy };
}

/** Staged rows with from < n <= to. */
export interface StagedRange {
  from: number;
  to: number;
}

export interface StagedRanges {
  updates: StagedRange;
  inserts: StagedRange;
}

/** A range cut in batches of at most `size` rows. */
export function batchesOf(range: StagedRange, size: number): StagedRange[] {
  const batches: StagedRange[] = [];
  for (let from = range.from; from < range.to; from += size) batches.push({ from, to: Math.min(from + size, range.to) });
  return batches;
}

/** The staged rows as COPY's CSV, numbered after `after`, built by concatenation (a national file: 66,000 lines of 23 cells). */
function stagedCsv(items: StagedItem[], after: number): string {
  let csv = '';
  items.forEach(({ record, searchText, sourceHash }, index) => {
    let line = String(after + index + 1);
    for (const [field] of columns) line += `,${csvCell(record[field])}`;
    csv += `${line},${quoted(searchText)},${quoted(sourceHash)}\n`;
  });
  return csv;
}

const quoted = (text: string) => `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;

/** A CSV cell as COPY reads it: an unquoted empty cell is NULL, a quoted one is a string. */
function csvCell(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return quoted(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return quoted(String(value));
}

/**
 * ANALYZE the establishments when the statistics do not know the tenant's rows yet (a tenant
 * imported since the last analyze): planned as empty, a lookup of its rows by UAI may pick any
 * index that leads with tenant_id and walk the whole tenant for each staged row.
 */
export async function analyzeIfUnknown(db: Db, tenantId: string, tenantRows: number): Promise<boolean> {
  if (tenantRows < 1000) return false;
  const [explained] = await rows<{ 'QUERY PLAN': unknown }>(
    db,
    sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM referentiel.establishments WHERE tenant_id = ${tenantId}::uuid`,
  );
  const plan = explained['QUERY PLAN'];
  const [{ Plan }] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }];
  if (Plan['Plan Rows'] * 2 >= tenantRows) return false;
  await db.execute(sql`ANALYZE referentiel.establishments`);
  return true;
}

export interface MergeBatch extends StagedRange {
  tenantId: string;
  /** the import run: the audit event of a batch of created rows names it */
  runId: string;
  now: Date;
  actor: { type: string; id: string | null; label: string };
  requestId: string;
}

/**
 * Audit entity of a batch of created establishments: one event per batch lists their UAIs (the
 * values are the row's first version), instead of one event per row with every field, which cost a
 * first import about a third of its database time. establishmentTrail() finds them for a school.
 */
export const createdInSets = 'establishment-import';

/** The set-based statements of a batch of new rows and of a batch of known ones (tests read their plans). */
export function mergeStatements(batch: MergeBatch): { insert: SQL; update: SQL } {
  const now = batch.now.toISOString();
  const audit = (source: string, before: string, after: string, where: string) => sql`
    INSERT INTO platform.audit_events (tenant_id, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id)
    SELECT ${batch.tenantId}::uuid, ${now}::timestamptz, ${batch.actor.type}, ${batch.actor.id}, ${batch.actor.label}, 'import', 'establishment', ${sql.raw(
      `${source}.id::text, ${before}, ${after}`,
    )}, ${batch.requestId}
    FROM ${sql.raw(`${source} ${where}`)}`;
  const range = sql`s.n > ${batch.from} AND s.n <= ${batch.to}`;
  const insert = sql`
    WITH inserted AS (
      INSERT INTO referentiel.establishments AS e (tenant_id, ${sql.raw(written.join(', '))}, created_at, updated_at)
      SELECT ${batch.tenantId}::uuid, ${sql.raw(written.map((c) => `s.${c}`).join(', '))}, ${now}::timestamptz, ${now}::timestamptz
      FROM ${sql.raw(stageTable)} s WHERE ${range}
      ON CONFLICT (tenant_id, uai) DO NOTHING
      RETURNING e.uai
    ),
    audited AS (
      INSERT INTO platform.audit_events (tenant_id, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, after, request_id)
      SELECT ${batch.tenantId}::uuid, ${now}::timestamptz, ${batch.actor.type}, ${batch.actor.id}, ${batch.actor.label}, 'import', ${createdInSets},
        ${batch.runId}, jsonb_build_object('created', jsonb_agg(inserted.uai ORDER BY inserted.uai)), ${batch.requestId}
      FROM inserted HAVING count(*) > 0
    )
    SELECT count(*)::int AS n FROM inserted`;
  // `old` reads the rows before the UPDATE changes them (one snapshot for the whole statement);
  // materialized, else PostgreSQL inlines it and builds the old JSON again for every key compared
  const changed = sql`e.tenant_id = ${batch.tenantId}::uuid AND e.uai = s.uai AND e.source_hash IS DISTINCT FROM s.source_hash AND ${range}`;
  const update = sql`
    WITH old AS MATERIALIZED (
      SELECT e.id, ${sql.raw(asJson('e'))} AS j FROM ${sql.raw(stageTable)} s JOIN referentiel.establishments e ON ${changed}
    ),
    updated AS (
      UPDATE referentiel.establishments e SET ${sql.raw(written.slice(1).map((c) => `${c} = s.${c}`).join(', '))},
        version = e.version + 1, updated_at = ${now}::timestamptz
      FROM ${sql.raw(stageTable)} s WHERE ${changed}
      RETURNING e.id, ${sql.raw(asJson('e'))} AS j
    ),
    audited AS (${audit(
      'updated',
      'diff.before',
      'diff.after',
      // both JSON objects have the same keys: one walk of them gives the changed fields before and after
      `JOIN old ON old.id = updated.id
       CROSS JOIN LATERAL (SELECT jsonb_object_agg(b.key, b.value) AS before, jsonb_object_agg(b.key, updated.j -> b.key) AS after
         FROM jsonb_each(old.j) b WHERE updated.j -> b.key IS DISTINCT FROM b.value) diff
       WHERE old.j IS DISTINCT FROM updated.j`,
    )})
    SELECT count(*)::int AS n FROM updated`;
  return { insert, update };
}

/**
 * Merges one batch of staged rows of one kind: inserts the new establishments, or updates the known
 * ones whose source hash changed (version + 1), with one audit event for the batch's created rows
 * and one per updated row whose fields changed (before and after). `unit_id` is never written. Returns the
 * number of rows written.
 */
export async function mergeEstablishments(db: Db, kind: 'insert' | 'update', batch: MergeBatch): Promise<number> {
  if (batch.to <= batch.from) return 0;
  const [written] = await rows<{ n: number }>(db, mergeStatements(batch)[kind]);
  return written.n;
}
