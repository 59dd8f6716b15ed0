import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { diff, recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../server/platform/versioned-update.js';
import { assetClasses } from '../asset-classes.js';
import { assetMatches, assets, inventorySettings } from '../db/schema.js';
import { readInventorySettings, staleDaysCache, type InventorySettings } from './get-inventory-settings.js';
import { parseNetwork } from './school-networks.js';
import { inventorySettingsInput, type InventorySettingsInput } from './update-inventory-settings.input.js';

export { inventorySettingsInput, type InventorySettingsInput };

/** Replaces the tenant's inventory settings (PUT), version-checked, networks validated, audited. */
export async function updateInventorySettings(ctx: Ctx, input: InventorySettingsInput): Promise<InventorySettings> {
  authorize(ctx.actor, 'inventory.manage');
  const tenantId = ctx.actor.tenantId;
  const networks = checkNetworks(input.networks);
  const values = {
    acceptTaggedAgents: input.acceptTaggedAgents,
    ...(input.requireCredentials !== undefined ? { requireCredentials: input.requireCredentials } : {}),
    ...(input.tagsOnlyFromNetworks !== undefined ? { tagsOnlyFromNetworks: input.tagsOnlyFromNetworks } : {}),
    networks,
    storeLastUser: input.storeLastUser,
    staleAfterDays: input.staleAfterDays,
    expectedLifeYears: input.expectedLifeYears,
  };
  const saved = await ctx.db.transaction(async (tx) => {
    const before = await readInventorySettings(tx, tenantId);
    assertVersion(before, input.version);
    // the first save inserts the row; later ones update it if the version read is still current
    const [saved] = await tx
      .insert(inventorySettings)
      // the first save keeps what the defaults were (credentials required) unless it says otherwise
      .values({ tenantId, requireCredentials: before.requireCredentials, tagsOnlyFromNetworks: before.tagsOnlyFromNetworks, ...values, version: input.version + 1 })
      .onConflictDoUpdate({
        target: inventorySettings.tenantId,
        set: { ...values, version: sql`${inventorySettings.version} + 1` },
        setWhere: eq(inventorySettings.version, input.version),
      })
      .returning({ version: inventorySettings.version });
    assertUpdated(saved);
    const forgotten = before.storeLastUser && !input.storeLastUser ? await forgetLastUsers(tx, tenantId) : 0;
    const after = await readInventorySettings(tx, tenantId);
    const change = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    const auditAfter = forgotten ? { ...change.after, lastUsersCleared: forgotten } : change.after;
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'inventory-settings', entityId: tenantId, before: change.before, after: auditAfter }]);
    return after;
  });
  ctx.cache.invalidate(staleDaysCache, tenantId); // the device lists flag with the new threshold at once
  return saved;
}

/**
 * The authority no longer wants the logged-in users (often pupils, minors): the ones already kept
 * go too, in the settings' transaction, on every device and in the copies that merges keep for
 * their undo. Returns how many devices held one.
 */
async function forgetLastUsers(tx: Db, tenantId: string): Promise<number> {
  const cleared = await tx
    .update(assets)
    .set({ lastUser: null })
    .where(and(eq(assets.tenantId, tenantId), isNotNull(assets.lastUser)))
    .returning({ id: assets.id });
  await tx
    .update(assetMatches)
    .set({ mergedAsset: sql`jsonb_set(${assetMatches.mergedAsset}, '{asset,lastUser}', 'null'::jsonb)` })
    .where(and(eq(assetMatches.tenantId, tenantId), sql`${assetMatches.mergedAsset} #>> '{asset,lastUser}' is not null`));
  return cleared.length;
}

/** Canonical CIDR blocks, without duplicates; every invalid entry is named with its position. */
function checkNetworks(raw: string[]): string[] {
  const issues: { path: string; message: string }[] = [];
  const networks: string[] = [];
  raw.forEach((entry, i) => {
    const checked = parseNetwork(entry);
    if (checked.ok) networks.push(checked.cidr);
    else issues.push({ path: `networks.${i}`, message: checked.message });
  });
  if (issues.length) {
    throw new AppError('VALIDATION', issues.length === 1 ? issues[0].message : `${issues.length} réseaux ne sont pas valides.`, { issues });
  }
  return [...new Set(networks)];
}
