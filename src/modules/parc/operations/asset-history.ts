import { sql } from 'drizzle-orm';
import type { AuditEntry } from '../../../server/platform/audit.js';
import type { AuthedCtx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { assetStatusLabels, type AssetStatus } from '../asset-classes.js';
import { columnLabels } from './asset-input.js';

/** One line of a device's IMAC history written by a person (or by an import a person ran). */
export interface PersonEvent {
  assetId: string;
  kind: 'install' | 'move' | 'status' | 'change' | 'merge' | 'unlink';
  summary: string;
  details?: Record<string, unknown>;
}

const batchSize = 5000;

/**
 * Writes the lines of many devices: one statement per 5,000 lines, the lines sent as one JSON
 * parameter (a row of parameters per line would be slow to build and hit PostgreSQL's limit).
 */
export async function writePersonEvents(ctx: AuthedCtx, db: Db, events: PersonEvent[], source: 'person' | 'import' = 'person') {
  const at = ctx.now().toISOString();
  for (let start = 0; start < events.length; start += batchSize) {
    const json = JSON.stringify(events.slice(start, start + batchSize).map((e) => ({ asset_id: e.assetId, kind: e.kind, summary: e.summary, details: e.details ?? null })));
    await db.execute(sql`
      INSERT INTO parc.asset_events (tenant_id, asset_id, at, kind, source, actor_label, summary, details)
      SELECT ${ctx.actor.tenantId}::uuid, r.asset_id, ${at}::timestamptz, r.kind, ${source}, ${ctx.actor.label}, r.summary, r.details
        FROM json_to_recordset(${json}::json) AS r(asset_id uuid, kind text, summary text, details jsonb)`);
  }
}

/** recordAudit for many entries at once, the same rows, sent as one JSON parameter per 5,000. */
export async function recordAuditSet(ctx: AuthedCtx, db: Db, entries: AuditEntry[]) {
  const at = ctx.now().toISOString();
  for (let start = 0; start < entries.length; start += batchSize) {
    const json = JSON.stringify(
      entries.slice(start, start + batchSize).map((e) => ({ tenant_id: e.tenantId, action: e.action, entity_type: e.entityType, entity_id: e.entityId, before: e.before ?? null, after: e.after ?? null })),
    );
    await db.execute(sql`
      INSERT INTO platform.audit_events (tenant_id, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id)
      SELECT r.tenant_id, ${at}::timestamptz, ${ctx.actor.kind}, ${ctx.actor.id}, ${ctx.actor.label}, r.action, r.entity_type, r.entity_id, r.before, r.after, ${ctx.requestId}
        FROM json_to_recordset(${json}::json) AS r(tenant_id uuid, action text, entity_type text, entity_id text, before jsonb, after jsonb)`);
  }
}

export function statusLabel(status: string): string {
  return assetStatusLabels[status as AssetStatus] ?? status;
}

export interface Place {
  uai: string | null;
  establishmentName: string | null;
  roomName: string | null;
}

export function placeLabel(place: Place): string {
  if (!place.uai) return 'hors établissement';
  const school = place.establishmentName ? `${place.uai} (${place.establishmentName})` : place.uai;
  return place.roomName ? `${school}, salle ${place.roomName}` : school;
}

const withNote = (summary: string, note?: string | null) => (note ? `${summary} — ${note}` : summary);

export function moveEvent(assetId: string, from: Place & { establishmentId: string | null; roomId: string | null }, to: Place & { establishmentId: string | null; roomId: string | null }, note?: string | null): PersonEvent {
  return {
    assetId,
    kind: 'move',
    summary: withNote(`Déplacé : ${placeLabel(from)} → ${placeLabel(to)}`, note),
    details: { from: { establishmentId: from.establishmentId, roomId: from.roomId }, to: { establishmentId: to.establishmentId, roomId: to.roomId } },
  };
}

export function statusEvent(assetId: string, from: string, to: string, note?: string | null): PersonEvent {
  return { assetId, kind: 'status', summary: withNote(`Statut : ${statusLabel(from)} → ${statusLabel(to)}`, note), details: { status: { before: from, after: to } } };
}

/** "Modifié : fournisseur, prix d'achat" for the columns that changed, with before/after in the details. */
export function changeEvent(assetId: string, before: Record<string, unknown>, after: Record<string, unknown>, note?: string | null): PersonEvent | null {
  const columns = Object.keys(after);
  if (columns.length === 0) return null;
  const names = columns.map((c) => columnLabels[c] ?? c).join(', ');
  return { assetId, kind: 'change', summary: withNote(`Modifié : ${names}`, note), details: { before, after } };
}
