import { eq } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import type { AssetClass } from '../asset-classes.js';
import { inventorySettings } from '../db/schema.js';
import { resolveExpectedLife } from '../lifecycle/expected-life.js';

export interface InventorySettings {
  acceptTaggedAgents: boolean;
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
    acceptTaggedAgents: row?.acceptTaggedAgents ?? false,
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

/** Devices last inventoried before this instant are flagged as not seen (see presentAssetSummary). */
export async function staleThreshold(ctx: Ctx): Promise<Date | null> {
  if (!ctx.actor) return null;
  const [row] = await ctx.db
    .select({ days: inventorySettings.staleAfterDays })
    .from(inventorySettings)
    .where(eq(inventorySettings.tenantId, ctx.actor.tenantId));
  return new Date(ctx.now().getTime() - (row?.days ?? 30) * 86_400_000);
}
