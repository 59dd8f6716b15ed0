import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import type { EstablishmentRecord } from '../establishment-record.js';

/** Record field → column and SQL type, in the order of the INSERT. */
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

const recordset = [...columns.map(([, c, t]) => `${c} ${t}`), 'search_text text', 'source_hash text'].join(', ');
const insertColumns = [...columns.map(([, c]) => c), 'search_text', 'source_hash'].join(', ');
const updates = [...columns.slice(1).map(([, c]) => c), 'search_text', 'source_hash']
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
/** The audited fields of a row as JSON, keyed like EstablishmentRecord. */
const asJson = (alias: string) => `jsonb_build_object(${columns.map(([f, c]) => `'${f}', ${alias}.${c}`).join(', ')})`;

/** UAI → source hash of a tenant's establishments: rows whose hash is the same need no write. */
export async function selectSourceHashes(db: Db, tenantId: string): Promise<Map<string, string | null>> {
  const found = await rows<{ uai: string; source_hash: string | null }>(
    db,
    sql`SELECT uai, source_hash FROM referentiel.establishments WHERE tenant_id = ${tenantId}::uuid`,
  );
  return new Map(found.map((r) => [r.uai, r.source_hash]));
}

export interface UpsertItem {
  record: EstablishmentRecord;
  searchText: string;
  sourceHash: string;
}

/** A batch serialised ahead of time, so the next one can be prepared while the database works. */
export interface PreparedRows {
  size: number;
  json: string;
}

export interface UpsertBatch {
  tenantId: string;
  now: Date;
  actor: { type: string; id: string | null; label: string };
  requestId: string;
  rows: PreparedRows;
}

export function prepareRows(items: UpsertItem[]): PreparedRows {
  return { size: items.length, json: toJson(items) };
}

function toJson(items: UpsertItem[]): string {
  return JSON.stringify(
    items.map(({ record, searchText, sourceHash }) => {
      const row: Record<string, unknown> = { search_text: searchText, source_hash: sourceHash };
      for (const [field, column] of columns) row[column] = record[field];
      return row;
    }),
  );
}

/**
 * One statement per batch: insert new establishments, update those whose source hash changed
 * (version + 1), leave the others untouched, and write one audit event per created or updated
 * row with the changed fields before and after. `unit_id` is never written.
 */
export async function upsertEstablishments(db: Db, batch: UpsertBatch): Promise<{ created: number; updated: number }> {
  if (batch.rows.size === 0) return { created: 0, updated: 0 };
  const now = batch.now.toISOString();
  const query = sql`
    WITH input AS (
      SELECT * FROM json_to_recordset(${batch.rows.json}::json) AS r(${sql.raw(recordset)})
    ),
    old AS (
      SELECT e.uai, e.j FROM input i CROSS JOIN LATERAL (
        SELECT e.uai, ${sql.raw(asJson('e'))} AS j FROM referentiel.establishments e
        WHERE e.tenant_id = ${batch.tenantId}::uuid AND e.uai = i.uai AND e.source_hash IS DISTINCT FROM i.source_hash
        OFFSET 0 -- keeps the lookup per row on the (tenant_id, uai) index instead of scanning the tenant
      ) e
    ),
    upserted AS (
      INSERT INTO referentiel.establishments AS e (tenant_id, ${sql.raw(insertColumns)}, created_at, updated_at)
      SELECT ${batch.tenantId}::uuid, ${sql.raw(insertColumns)}, ${now}::timestamptz, ${now}::timestamptz FROM input
      ON CONFLICT (tenant_id, uai) DO UPDATE SET ${sql.raw(updates)}, version = e.version + 1, updated_at = excluded.updated_at
      WHERE e.source_hash IS DISTINCT FROM excluded.source_hash
      RETURNING e.id, e.uai, (e.xmax = 0) AS inserted, ${sql.raw(asJson('e'))} AS j
    ),
    audited AS (
      INSERT INTO platform.audit_events (tenant_id, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id)
      SELECT ${batch.tenantId}::uuid, ${now}::timestamptz, ${batch.actor.type}, ${batch.actor.id}, ${batch.actor.label}, 'import', 'establishment', u.id::text,
        CASE WHEN u.inserted THEN NULL
          ELSE (SELECT jsonb_object_agg(b.key, b.value) FROM jsonb_each(o.j) b WHERE u.j -> b.key IS DISTINCT FROM b.value) END,
        CASE WHEN u.inserted THEN u.j
          ELSE (SELECT jsonb_object_agg(a.key, a.value) FROM jsonb_each(u.j) a WHERE o.j -> a.key IS DISTINCT FROM a.value) END,
        ${batch.requestId}
      FROM upserted u LEFT JOIN old o ON o.uai = u.uai
      WHERE u.inserted OR o.j IS DISTINCT FROM u.j
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`;
  try {
    const [counts] = await rows<{ created: number; updated: number }>(db, query);
    return counts;
  } catch (error) {
    // drizzle's error carries the whole batch (megabytes of JSON) in its message: keep the cause.
    throw error instanceof Error && error.cause instanceof Error ? error.cause : error;
  }
}
