import { and, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Ctx } from '../../../server/platform/context.js';
import { dossiers } from '../db/schema.js';
import { allDossiersChanged } from '../operations/dossier-totals.js';
import { familyAidFiles } from '../family-aid/db/schema.js';
import { notifyDraftExpiry } from '../notify.js';
import { parisText } from '../paris-time.js';

export const draftLifeMonths = 3;
export const warningDays = 7;

/** Drafts expire `draftLifeMonths` after the family last touched them. */
const expiryOf = (touchedAt: Date) => DateTime.fromJSDate(touchedAt, { zone: 'Europe/Paris' }).plus({ months: draftLifeMonths });

/**
 * Family drafts untouched for three months: the family is warned seven days before (once: a
 * later edit clears the warning), then the draft goes with its documents (the cascade deletes
 * them). A draft is deleted only seven days after its warning, however late the job ran.
 */
export async function expireFamilyDrafts(ctx: Ctx): Promise<{ warned: number; deleted: number }> {
  const now = DateTime.fromJSDate(ctx.now(), { zone: 'Europe/Paris' });
  const warnBefore = now.plus({ days: warningDays }).minus({ months: draftLifeMonths }).toJSDate();
  const deleteBefore = now.minus({ months: draftLifeMonths }).toJSDate();
  const warnedBefore = now.minus({ days: warningDays }).toJSDate();
  const draft = and(eq(dossiers.tenantId, familyAidFiles.tenantId), eq(dossiers.id, familyAidFiles.dossierId), eq(dossiers.state, 'brouillon'));
  let warned = 0;
  let deleted = 0;
  await ctx.db.transaction(async (tx) => {
    const toWarn = await tx
      .select({ dossier: dossiers, touchedAt: familyAidFiles.touchedAt })
      .from(familyAidFiles)
      .innerJoin(dossiers, draft)
      .where(and(lte(familyAidFiles.touchedAt, warnBefore), isNull(familyAidFiles.expiryWarnedAt)))
      .limit(1000);
    for (const { dossier, touchedAt } of toWarn) {
      const [claimed] = await tx
        .update(familyAidFiles)
        .set({ expiryWarnedAt: ctx.now() })
        .where(and(eq(familyAidFiles.tenantId, dossier.tenantId), eq(familyAidFiles.dossierId, dossier.id), isNull(familyAidFiles.expiryWarnedAt)))
        .returning({ id: familyAidFiles.dossierId });
      if (!claimed) continue;
      const deletion = DateTime.max(expiryOf(touchedAt), now.plus({ days: warningDays }));
      await notifyDraftExpiry(ctx, tx, dossier, parisText(deletion.toJSDate()));
      warned++;
    }
    const toDelete = await tx
      .select({ tenantId: dossiers.tenantId, id: dossiers.id })
      .from(familyAidFiles)
      .innerJoin(dossiers, draft)
      .where(and(lte(familyAidFiles.touchedAt, deleteBefore), isNotNull(familyAidFiles.expiryWarnedAt), lte(familyAidFiles.expiryWarnedAt, warnedBefore)))
      .limit(1000);
    for (const tenantId of new Set(toDelete.map((d) => d.tenantId))) {
      const ids = toDelete.filter((d) => d.tenantId === tenantId).map((d) => d.id);
      const gone = await tx.delete(dossiers).where(and(eq(dossiers.tenantId, tenantId), inArray(dossiers.id, ids), eq(dossiers.state, 'brouillon'))).returning({ id: dossiers.id });
      deleted += gone.length;
    }
  });
  if (deleted) allDossiersChanged(ctx);
  return { warned, deleted };
}
