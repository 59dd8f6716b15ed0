import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { contractScopeWhere, marchesScope } from '../contract-access.js';
import { amendments, contracts, lots } from '../db/schema.js';
import { decpRecords } from '../decp/decp-record.js';

export const decpQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100) });

/**
 * The « données essentielles » (DECP 2.0.3) of the contracts notified in the year that the actor
 * reaches: `{"marches":{"marche":[…]}}`, one record per lot. A contract still in preparation is not published.
 */
export async function exportDecp(ctx: Ctx, input: z.infer<typeof decpQuery>): Promise<{ marches: { marche: Record<string, unknown>[] } }> {
  authorize(ctx.actor, 'contract.export');
  const t = ctx.actor.tenantId;
  const rows = await ctx.db
    .select()
    .from(contracts)
    .where(and(contractScopeWhere(t, marchesScope(ctx.actor, 'contract.export')), sql`${contracts.status} <> 'draft'`, sql`extract(year from ${contracts.notifiedOn}) = ${input.year}`))
    .orderBy(asc(contracts.reference));
  const ids = rows.map((c) => c.id);
  const [lotRows, amendmentRows] = ids.length
    ? await Promise.all([
        ctx.db.select().from(lots).where(and(eq(lots.tenantId, t), inArray(lots.contractId, ids))).orderBy(asc(lots.number)),
        ctx.db.select().from(amendments).where(and(eq(amendments.tenantId, t), inArray(amendments.contractId, ids))).orderBy(asc(amendments.number)),
      ])
    : [[], []];
  const publishedOn = ctx.now().toISOString().slice(0, 10);
  const marche = rows.flatMap((c) =>
    decpRecords(c, lotRows.filter((l) => l.contractId === c.id), amendmentRows.filter((a) => a.contractId === c.id), c.notifiedOn && c.notifiedOn > publishedOn ? c.notifiedOn : publishedOn),
  );
  return { marches: { marche } };
}
