import { and, eq, sql } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import { diff, recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { versionConflict } from '../../../../server/platform/errors.js';
import { assertUpdated } from '../../../../server/platform/versioned-update.js';
import { deskSettings } from '../../db/schema.js';
import { deskConfigCache, loadDeskConfig } from '../../desk-config.js';
import type { UpdateDeskSettingsInput } from './desk-settings.input.js';
import { assertAgreement, isUniqueViolation } from './shared.js';

export { updateDeskSettingsInput } from './desk-settings.input.js';

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
