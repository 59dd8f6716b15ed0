import { eq } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { defineCache } from '../../../server/platform/cache.js';
import type { AssetClass } from '../asset-classes.js';
import { inventorySettings } from '../db/schema.js';
import { resolveExpectedLife } from '../lifecycle/expected-life.js';

export interface InventorySettings {
  /** Only agents with credentials: tags and networks ignored. True until the authority decides otherwise. */
  requireCredentials: boolean;
  acceptTaggedAgents: boolean;
  tagsOnlyFromNetworks: boolean;
  networks: string[];
  storeLastUser: boolean;
  staleAfterDays: number;
  /** Every class, the authority's own figure where it set one, else the default. */
  expectedLifeYears: Record<AssetClass, number>;
  /** 1 while the authority never saved its settings (the defaults). */
  version: number;
}

/** The tenant's inventory settings, or the defaults (the same as the table's) when never saved. */
export async function readInventorySettings(db: Db, tenantId: string): Promise<InventorySettings> {
  const [row] = await db.select().from(inventorySettings).where(eq(inventorySettings.tenantId, tenantId));
  const expectedLifeYears = resolveExpectedLife(row?.expectedLifeYears);
  return {
    requireCredentials: row?.requireCredentials ?? true,
    acceptTaggedAgents: row?.acceptTaggedAgents ?? false,
    tagsOnlyFromNetworks: row?.tagsOnlyFromNetworks ?? false,
    networks: row?.networks ?? [],
    storeLastUser: row?.storeLastUser ?? false,
    staleAfterDays: row?.staleAfterDays ?? 30,
    expectedLifeYears,
    version: row?.version ?? 1,
  };
}

export async function getInventorySettings(ctx: Ctx): Promise<InventorySettings> {
  authorize(ctx.actor, 'inventory.manage');
  return readInventorySettings(ctx.db, ctx.actor.tenantId);
}

/**
 * Every page of the device list needs the tenant's staleAfterDays: kept per tenant (a round trip
 * less per list), invalidated in every process when the settings are saved.
 */
export const staleDaysCache = defineCache<number>('inventory-stale-days', { max: 1_000, ttlMs: 60_000 });

/** Devices last inventoried before this instant are flagged as not seen (see presentAssetSummary). */
export async function staleThreshold(ctx: Ctx): Promise<Date | null> {
  if (!ctx.actor) return null;
  const tenantId = ctx.actor.tenantId;
  const now = ctx.now().getTime();
  const staleDays = ctx.cache.of(staleDaysCache);
  let days = staleDays.get(tenantId);
  if (days === undefined) {
    const [row] = await ctx.db.select({ days: inventorySettings.staleAfterDays }).from(inventorySettings).where(eq(inventorySettings.tenantId, tenantId));
    days = row?.days ?? 30;
    staleDays.set(tenantId, days);
  }
  return new Date(now - days * 86_400_000);
}

/** What the list and the device page flag: not seen since `staleBefore`, loans due before `today`. */
export async function assetFlags(ctx: Ctx): Promise<{ staleBefore: Date | null; today: string }> {
  return { staleBefore: await staleThreshold(ctx), today: ctx.now().toISOString().slice(0, 10) };
}
