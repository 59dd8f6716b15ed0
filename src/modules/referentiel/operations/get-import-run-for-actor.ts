import { and, desc, eq } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { importRuns } from '../db/schema.js';

export async function getImportRunForActor(ctx: Ctx, input: { id: string }) {
  authorize(ctx.actor, 'establishment.import');
  const [run] = await ctx.db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.tenantId, ctx.actor.tenantId), eq(importRuns.id, input.id)));
  if (!run) throw notFound('Import');
  return run;
}

export async function findImportRuns(ctx: Ctx, input: { limit: number }) {
  authorize(ctx.actor, 'establishment.import');
  return ctx.db
    .select()
    .from(importRuns)
    .where(eq(importRuns.tenantId, ctx.actor.tenantId))
    .orderBy(desc(importRuns.createdAt))
    .limit(input.limit);
}
