import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { siteLinkChanges } from '../db/schema.js';
import { linkInScope } from '../link-scope.js';

/** What changed on a link, latest first. */
export async function findLinkChanges(ctx: Ctx, input: { id: string }) {
  await linkInScope(ctx, input.id, 'link.read');
  return ctx.db
    .select()
    .from(siteLinkChanges)
    .where(and(eq(siteLinkChanges.tenantId, ctx.actor!.tenantId), eq(siteLinkChanges.linkId, input.id)))
    .orderBy(desc(siteLinkChanges.at), desc(siteLinkChanges.id));
}
