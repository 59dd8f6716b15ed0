import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from './context.js';
import type { Db } from './db.js';
import { auditEvents } from './db-schema.js';

export interface AuditEntry {
  tenantId: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

function actorFields(ctx: Ctx) {
  if (!ctx.actor) return { actorType: 'system', actorId: null, actorLabel: 'Système' };
  return { actorType: ctx.actor.kind, actorId: ctx.actor.id, actorLabel: ctx.actor.label };
}

/** Records changes; call it inside the transaction that makes them so both land or neither. */
export async function recordAudit(ctx: Ctx, db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const who = actorFields(ctx);
  const at = ctx.now();
  await db.insert(auditEvents).values(
    entries.map((e) => ({
      ...who,
      at,
      tenantId: e.tenantId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before ?? null,
      after: e.after ?? null,
      requestId: ctx.requestId,
    })),
  );
}

export async function findAuditTrail(db: Db, params: { tenantId: string; entityType: string; entityId: string; limit: number }) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, params.tenantId),
        eq(auditEvents.entityType, params.entityType),
        eq(auditEvents.entityId, params.entityId),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(params.limit);
}

/** Only the fields that differ, so a trail reads as "what changed". */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
