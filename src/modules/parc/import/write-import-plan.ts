import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuditEntry } from '../../../server/platform/audit.js';
import type { AuthedCtx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { establishmentsView as establishments, roomsView as rooms } from '../../referentiel/index.js';
import { assetSearchText } from '../ingest/asset-fields.js';
import { changeEvent, moveEvent, recordAuditSet, statusEvent, writePersonEvents, type PersonEvent } from '../operations/asset-history.js';
import type { AssetRow } from '../operations/asset-input.js';
import type { PlannedRow } from './plan-import-row.js';

/** One array parameter rather than one parameter per value: a file of 100,000 lines stays under PostgreSQL's 65,535. */
export function textArray(values: string[]) {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
}

export function unique<T>(values: (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];
}

/** Columns an import writes, with their SQL type, in the order of the INSERT. */
const importedColumns = [
  ['assetClass', 'class', 'text'],
  ['status', 'status', 'text'],
  ['establishmentId', 'establishment_id', 'uuid'],
  ['roomId', 'room_id', 'uuid'],
  ['name', 'name', 'text'],
  ['serial', 'serial', 'text'],
  ['inventoryNumber', 'inventory_number', 'text'],
  ['manufacturer', 'manufacturer', 'text'],
  ['model', 'model', 'text'],
  ['osName', 'os_name', 'text'],
  ['osVersion', 'os_version', 'text'],
  ['ownerKind', 'owner_kind', 'text'],
  ['funder', 'funder', 'text'],
  ['fundingSource', 'funding_source', 'text'],
  ['supplier', 'supplier', 'text'],
  ['orderReference', 'order_reference', 'text'],
  ['purchaseDate', 'purchase_date', 'date'],
  ['purchasePrice', 'purchase_price', 'numeric'],
  ['warrantyEnd', 'warranty_end', 'date'],
  ['imageVersion', 'image_version', 'text'],
  ['lockedFields', 'locked_fields', 'text[]'],
  ['searchText', 'search_text', 'text'],
] as const satisfies readonly (readonly [keyof AssetRow, string, string])[];

const recordset = ['id uuid', ...importedColumns.map(([, c, t]) => `${c} ${t}`)].join(', ');
const insertColumns = ['id', ...importedColumns.map(([, c]) => c)].join(', ');
const updateSet = importedColumns.map(([, c]) => `${c} = excluded.${c}`).join(', ');

const batchSize = 2000;

/**
 * New devices are inserted and changed ones upserted by primary key, 2,000 rows a statement sent
 * as one JSON parameter (ids are chosen here, so each line knows its device without relying on
 * the order RETURNING gives).
 */
async function upsertRows(tx: Db, tenantId: string, now: Date, rows: Record<string, unknown>[]) {
  for (let start = 0; start < rows.length; start += batchSize) {
    const json = JSON.stringify(
      rows.slice(start, start + batchSize).map((row) => Object.fromEntries([['id', row.id], ...importedColumns.map(([field, column]) => [column, row[field] ?? null])])),
    );
    const at = now.toISOString();
    await tx.execute(sql`
      INSERT INTO parc.assets AS a (tenant_id, ${sql.raw(insertColumns)}, created_at, updated_at)
      SELECT ${tenantId}::uuid, ${sql.raw(insertColumns)}, ${at}::timestamptz, ${at}::timestamptz
        FROM json_to_recordset(${json}::json) AS r(${sql.raw(recordset)})
      ON CONFLICT (tenant_id, id) DO UPDATE SET ${sql.raw(updateSet)}, anonymous_agent = null, version = a.version + 1, updated_at = excluded.updated_at`);
  }
}

/** Writes the plan: devices, then their history lines and audit entries, all in sets. */
export async function writePlans(ctx: AuthedCtx, tx: Db, plans: PlannedRow[], filename: string) {
  const tenantId = ctx.actor.tenantId;
  const events: PersonEvent[] = [];
  const audit: AuditEntry[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const p of plans) {
    if (p.kind === 'create') {
      const id = randomUUID();
      const row = { ...p.columns, id, lockedFields: [], searchText: assetSearchText(p.columns) };
      rows.push(row);
      events.push({ assetId: id, kind: 'install', summary: `Créé par l’import du fichier « ${filename} » (ligne ${p.line})` });
      audit.push({ tenantId, action: 'import', entityType: 'asset', entityId: id, after: p.columns });
    } else if (p.kind === 'update') {
      const next = { ...p.current.asset, ...p.after, lockedFields: p.lockedFields } as AssetRow;
      rows.push({ ...next, searchText: assetSearchText(next) });
      audit.push({ tenantId, action: 'import', entityType: 'asset', entityId: next.id, before: p.before, after: p.after });
    }
  }
  await upsertRows(tx, tenantId, ctx.now(), rows);
  const updates = plans.filter((p): p is Extract<PlannedRow, { kind: 'update' }> => p.kind === 'update');
  const names = await roomNamesOf(tx, tenantId, updates);
  for (const p of updates) events.push(...updateEvents(p, names, filename));
  await writePersonEvents(ctx, tx, events, 'import');
  await recordAuditSet(ctx, tx, audit);
}

async function roomNamesOf(tx: Db, tenantId: string, updates: Extract<PlannedRow, { kind: 'update' }>[]) {
  const ids = unique(updates.flatMap((p) => [p.current.asset.roomId, (p.after.roomId as string | null | undefined) ?? null]));
  const schoolIds = unique(updates.map((p) => (p.after.establishmentId as string | null | undefined) ?? null));
  const [roomRows, schoolRows] = await Promise.all([
    ids.length ? tx.select({ id: rooms.id, name: rooms.name }).from(rooms).where(and(eq(rooms.tenantId, tenantId), sql`${rooms.id} = any(${textArray(ids)}::uuid[])`)) : [],
    schoolIds.length
      ? tx.select({ id: establishments.id, uai: establishments.uai, name: establishments.name }).from(establishments).where(and(eq(establishments.tenantId, tenantId), inArray(establishments.id, schoolIds)))
      : [],
  ]);
  return { rooms: new Map(roomRows.map((r) => [r.id, r.name])), schools: new Map(schoolRows.map((s) => [s.id, s])) };
}

function updateEvents(p: Extract<PlannedRow, { kind: 'update' }>, names: Awaited<ReturnType<typeof roomNamesOf>>, filename: string): PersonEvent[] {
  const a = p.current.asset;
  const note = `import du fichier « ${filename} »`;
  const events: PersonEvent[] = [];
  const { establishmentId, roomId, status, ...others } = p.after;
  if (establishmentId !== undefined || roomId !== undefined) {
    const toSchool = establishmentId !== undefined ? (establishmentId ? names.schools.get(establishmentId as string) : null) : { uai: p.current.uai, name: p.current.establishmentName };
    const toRoom = roomId !== undefined ? (roomId as string | null) : a.roomId;
    events.push(
      moveEvent(
        a.id,
        { establishmentId: a.establishmentId, roomId: a.roomId, uai: p.current.uai, establishmentName: p.current.establishmentName, roomName: a.roomId ? (names.rooms.get(a.roomId) ?? null) : null },
        {
          establishmentId: establishmentId !== undefined ? (establishmentId as string | null) : a.establishmentId,
          roomId: toRoom,
          uai: toSchool?.uai ?? null,
          establishmentName: toSchool?.name ?? null,
          roomName: toRoom ? (names.rooms.get(toRoom) ?? null) : null,
        },
        note,
      ),
    );
  }
  if (status !== undefined) events.push(statusEvent(a.id, a.status, status as string, note));
  const other = changeEvent(a.id, Object.fromEntries(Object.keys(others).map((k) => [k, p.before[k]])), others, note);
  if (other) events.push(other);
  return events;
}

