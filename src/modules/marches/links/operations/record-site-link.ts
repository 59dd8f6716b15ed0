import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import { isDatabaseError } from '../../../../server/platform/database-errors.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { siteLinkChanges, siteLinks } from '../db/schema.js';
import { dayBefore, linkSnapshot, siteInScope } from '../link-scope.js';
import { recordLinkInput, type RecordLinkInput } from './link.input.js';

export { recordLinkInput };

/**
 * Opens a new period of a site's access (a new operator, a contract's link): the open period
 * ends the day before, both changes are kept. The open row is locked so two recordings of the
 * same site cannot both close it; the unique open-period index backs that up.
 */
export async function recordSiteLink(ctx: Ctx, input: RecordLinkInput) {
  const site = await siteInScope(ctx, input.uai, 'link.manage');
  checkSpeeds(input);
  if (input.endDate && input.endDate < input.startDate) {
    throw new AppError('VALIDATION', 'La date de fin précède la date de début.', { issues: [{ path: 'endDate', message: 'Après la date de début.' }] });
  }
  const tenantId = ctx.actor!.tenantId;
  const at = ctx.now();
  const { uai: _uai, ...fields } = input;
  try {
    return await ctx.db.transaction(async (tx) => {
      const open = await tx
        .select()
        .from(siteLinks)
        .where(and(eq(siteLinks.tenantId, tenantId), eq(siteLinks.establishmentId, site.id), isNull(siteLinks.endDate)))
        .for('update');
      for (const current of open) {
        if (current.startDate >= input.startDate) {
          throw new AppError('CONFLICT', `Le lien actuel de ce site commence le ${current.startDate} : le nouveau doit commencer après.`);
        }
        const endDate = dayBefore(input.startDate);
        await tx
          .update(siteLinks)
          .set({ endDate, updatedAt: at, version: sql`${siteLinks.version} + 1` })
          .where(and(eq(siteLinks.tenantId, tenantId), eq(siteLinks.id, current.id)));
        await tx.insert(siteLinkChanges).values({ tenantId, linkId: current.id, kind: 'replaced', before: { endDate: null }, after: { endDate }, actorLabel: ctx.actor!.label, at });
      }
      const [link] = await tx
        .insert(siteLinks)
        .values({ ...fields, tenantId, establishmentId: site.id, createdBy: ctx.actor!.label, createdAt: at, updatedAt: at })
        .returning();
      await tx.insert(siteLinkChanges).values({ tenantId, linkId: link.id, kind: 'created', before: null, after: linkSnapshot(link), actorLabel: ctx.actor!.label, at });
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'site_link', entityId: link.id, after: { uai: site.uai, ...linkSnapshot(link) } }]);
      return { link, uai: site.uai, establishmentName: site.name };
    });
  } catch (error) {
    if (isDatabaseError(error, '23505')) {
      throw new AppError('CONFLICT', 'Un autre lien vient d’être enregistré pour ce site : rechargez la page.');
    }
    throw error;
  }
}

/** A symmetric link has the same speed both ways. */
export function checkSpeeds(input: { symmetric?: boolean; downMbps?: number; upMbps?: number }) {
  if (input.symmetric && input.downMbps !== undefined && input.upMbps !== undefined && input.downMbps !== input.upMbps) {
    throw new AppError('VALIDATION', 'Un lien symétrique a le même débit descendant et montant.', { issues: [{ path: 'upMbps', message: 'Égal au débit descendant.' }] });
  }
}
