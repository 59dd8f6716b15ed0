import { and, eq, sql } from 'drizzle-orm';
import { diff, recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, versionConflict } from '../../../../server/platform/errors.js';
import { siteLinkChanges, siteLinks } from '../db/schema.js';
import { linkInScope, linkSnapshot } from '../link-scope.js';
import { updateLinkInput, type UpdateLinkInput } from './link.input.js';
import { checkSpeeds } from './record-site-link.js';

export { updateLinkInput };

/** Corrects a link's fields (the version read must still be current); the change is kept. */
export async function updateSiteLink(ctx: Ctx, input: { id: string } & UpdateLinkInput) {
  const { link: current } = await linkInScope(ctx, input.id, 'link.manage');
  const { id, version, ...changes } = input;
  const next = { ...linkSnapshot(current), ...changes };
  checkSpeeds(next);
  if (next.endDate && next.endDate < next.startDate) {
    throw new AppError('VALIDATION', 'La date de fin précède la date de début.', { issues: [{ path: 'endDate', message: 'Après la date de début.' }] });
  }
  const change = diff(linkSnapshot(current) as Record<string, unknown>, changes as Record<string, unknown>);
  const tenantId = ctx.actor!.tenantId;
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(siteLinks)
      .set({ ...changes, updatedAt: at, version: sql`${siteLinks.version} + 1` })
      .where(and(eq(siteLinks.tenantId, tenantId), eq(siteLinks.id, id), eq(siteLinks.version, version)))
      .returning();
    if (!updated) throw versionConflict();
    await tx.insert(siteLinkChanges).values({ tenantId, linkId: id, kind: changes.endDate ? 'ended' : 'updated', before: change.before, after: change.after, actorLabel: ctx.actor!.label, at });
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'site_link', entityId: id, before: change.before, after: change.after }]);
    return updated;
  });
}
