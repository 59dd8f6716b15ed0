import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { inventorySettings, unassignedReports } from '../db/schema.js';
import { addressInNetworks } from './school-networks.js';

export type UnassignedReportRow = typeof unassignedReports.$inferSelect;
export type UnassignedReason = 'tag' | 'network';

/**
 * The queue of reports no authority claimed is platform-wide; an authority administrator sees
 * only the reports that point at their authority: a tag that is one of its schools' UAIs (while
 * it does not accept tagged agents, or when another authority lists the same UAI), or an address
 * inside the networks it declared (when another authority declared an overlapping one). Reports
 * pointing at no one stay invisible to every tenant.
 */
export async function findUnassignedReports(ctx: Ctx, options: { limit: number; id?: string }): Promise<{ row: UnassignedReportRow; reason: UnassignedReason }[]> {
  authorize(ctx.actor, 'inventory.manage');
  const tenantId = ctx.actor.tenantId;
  const byTag = await ctx.db
    .select({ id: unassignedReports.id })
    .from(unassignedReports)
    .innerJoin(establishments, and(eq(establishments.tenantId, tenantId), sql`${establishments.uai} = upper(trim(${unassignedReports.tag}))`))
    .where(options.id ? eq(unassignedReports.id, options.id) : undefined);
  const byNetwork = await idsInNetworks(ctx.db, tenantId, options.id);
  const reasons = new Map<string, UnassignedReason>(byNetwork.map((id) => [id, 'network']));
  for (const { id } of byTag) reasons.set(id, 'tag');
  if (reasons.size === 0) return [];
  const rows = await ctx.db
    .select()
    .from(unassignedReports)
    .where(inArray(unassignedReports.id, [...reasons.keys()]))
    .orderBy(desc(unassignedReports.receivedAt), desc(unassignedReports.id))
    .limit(options.limit);
  return rows.map((row) => ({ row, reason: reasons.get(row.id)! }));
}

/**
 * Addresses are compared here rather than in SQL: they come from the request (X-Forwarded-For
 * included) and a malformed one must not break the cast of the whole query.
 */
async function idsInNetworks(db: Db, tenantId: string, id: string | undefined): Promise<string[]> {
  const [settings] = await db.select({ networks: inventorySettings.networks }).from(inventorySettings).where(eq(inventorySettings.tenantId, tenantId));
  if (!settings?.networks.length) return [];
  const rows = await db
    .select({ id: unassignedReports.id, address: unassignedReports.remoteAddress })
    .from(unassignedReports)
    .where(and(isNotNull(unassignedReports.remoteAddress), id ? eq(unassignedReports.id, id) : undefined));
  return rows.filter((r) => addressInNetworks(r.address!, settings.networks)).map((r) => r.id);
}
