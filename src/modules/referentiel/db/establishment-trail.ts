import { and, desc, eq, sql } from 'drizzle-orm';
import { findAuditTrail } from '../../../server/platform/audit.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import type { Db } from '../../../server/platform/db.js';
import { createdInSets } from './upsert-establishments.js';

type AuditEvent = typeof auditEvents.$inferSelect;

/**
 * A school's audit trail: its own events, and the import that created it, recorded with its batch
 * (one event listing the UAIs it created), shown as the school's own creation event.
 */
export async function establishmentTrail(db: Db, params: { tenantId: string; id: string; uai: string; limit: number }): Promise<AuditEvent[]> {
  const own = await findAuditTrail(db, { tenantId: params.tenantId, entityType: 'establishment', entityId: params.id, limit: params.limit });
  const created = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, params.tenantId),
        eq(auditEvents.entityType, createdInSets),
        sql`${auditEvents.after} -> 'created' @> jsonb_build_array(${params.uai}::text)`,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(params.limit);
  const asOwn = created.map((e) => ({ ...e, entityType: 'establishment', entityId: params.id, after: { uai: params.uai } }));
  return [...own, ...asOwn].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id).slice(0, params.limit);
}
