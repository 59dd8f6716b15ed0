import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { ticketAssets, ticketEvents, tickets } from '../db/schema.js';
import type { DeskConfig } from '../desk-config.js';
import { actorFields } from '../ticket-store.js';

/**
 * The same device failing again and again is a problem to investigate: when a device has at
 * least `problemThreshold` incidents opened within `problemWindowDays` (3 in 30 days by default),
 * every one of those tickets is flagged, with an event saying which device and how many times.
 * The flag is the desk's, not the requester's edit: it does not change the tickets' version.
 * Returns whether the new ticket itself is flagged.
 */
export async function flagRepeatedFailures(
  ctx: Ctx,
  tx: Db,
  input: { config: DeskConfig; ticketId: string; assetIds: string[]; openedAt: Date },
): Promise<boolean> {
  const { config } = input;
  const tenantId = config.tenantId;
  const since = new Date(input.openedAt.getTime() - config.problemWindowDays * 86_400_000);
  const repeated = await tx
    .select({ assetId: ticketAssets.assetId, assetLabel: sql<string>`max(${ticketAssets.assetLabel})`, count: sql<number>`count(*)::int` })
    .from(ticketAssets)
    .where(and(eq(ticketAssets.tenantId, tenantId), inArray(ticketAssets.assetId, input.assetIds), eq(ticketAssets.incident, true), gte(ticketAssets.openedAt, since)))
    .groupBy(ticketAssets.assetId)
    .having(sql`count(*) >= ${config.problemThreshold}`);
  if (repeated.length === 0) return false;

  const related = await tx
    .select({ ticketId: ticketAssets.ticketId, assetId: ticketAssets.assetId })
    .from(ticketAssets)
    .where(
      and(
        eq(ticketAssets.tenantId, tenantId),
        inArray(ticketAssets.assetId, repeated.map((r) => r.assetId)),
        eq(ticketAssets.incident, true),
        gte(ticketAssets.openedAt, since),
      ),
    );
  const ticketIds = [...new Set(related.map((r) => r.ticketId))];
  const newlyFlagged = await tx
    .update(tickets)
    .set({ problemFlag: true })
    .where(and(eq(tickets.tenantId, tenantId), inArray(tickets.id, ticketIds), eq(tickets.problemFlag, false)))
    .returning({ id: tickets.id });
  if (newlyFlagged.length) {
    const who = actorFields(ctx);
    const reason = repeated
      .map((r) => `${r.assetLabel} : ${r.count} incidents en ${config.problemWindowDays} jours`)
      .join(' ; ');
    await tx.insert(ticketEvents).values(
      newlyFlagged.map((t) => ({
        tenantId,
        ticketId: t.id,
        at: ctx.now(),
        kind: 'problem',
        reason: `Panne répétée, problème à investiguer — ${reason}.`,
        ...who,
        details: { flagged: true, automatic: true, assets: repeated.map((r) => ({ id: r.assetId, incidents: r.count })) },
      })),
    );
  }
  return ticketIds.includes(input.ticketId);
}
