import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import { diff, recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { versionConflict } from '../../../../server/platform/errors.js';
import { assertUpdated } from '../../../../server/platform/versioned-update.js';
import { deskSettings } from '../../db/schema.js';
import { deskConfigCache, loadDeskConfig } from '../../desk-config.js';
import { assertAgreement, isUniqueViolation } from './shared.js';

export const updateDeskSettingsInput = z.object({
  /** The version read, 0 while the desk was never configured. */
  version: z.number().int().min(0),
  /** The agreement of tickets whose category has none of its own (and of tickets in triage). */
  defaultAgreementId: z.string().trim().min(1).max(100).optional(),
  /** A device failing this many times … */
  problemThreshold: z.number().int().min(2, 'Au moins 2 pannes.').max(100).optional(),
  /** … within this many days is flagged as a problem to investigate. */
  problemWindowDays: z.number().int().min(1, 'Au moins 1 jour.').max(365, 'Au plus 365 jours.').optional(),
});
export type UpdateDeskSettingsInput = z.output<typeof updateDeskSettingsInput>;

export interface DeskSettingsView {
  defaultAgreementId: string;
  problemThreshold: number;
  problemWindowDays: number;
  version: number;
}

export async function updateDeskSettings(ctx: Ctx, input: UpdateDeskSettingsInput): Promise<DeskSettingsView> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const config = await loadDeskConfig(ctx, tenantId);
  const { version, ...changes } = input;
  if (changes.defaultAgreementId) assertAgreement(config, changes.defaultAgreementId, 'defaultAgreementId');
  const before = { defaultAgreementId: config.defaultAgreementId, problemThreshold: config.problemThreshold, problemWindowDays: config.problemWindowDays };
  try {
    return await ctx.db.transaction(async (tx) => {
      const row =
        version === 0
          ? (await tx.insert(deskSettings).values({ tenantId, ...before, ...changes }).returning())[0]
          : (
              await tx
                .update(deskSettings)
                .set({ ...changes, version: sql`${deskSettings.version} + 1` })
                .where(and(eq(deskSettings.tenantId, tenantId), eq(deskSettings.version, version)))
                .returning()
            )[0];
      assertUpdated(row);
      const change = diff(before, changes);
      await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'desk-settings', entityId: tenantId, before: change.before, after: change.after }]);
      return { defaultAgreementId: row.defaultAgreementId, problemThreshold: row.problemThreshold, problemWindowDays: row.problemWindowDays, version: row.version };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw versionConflict(); // a first configuration raced by another
    throw error;
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}
