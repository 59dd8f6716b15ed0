import { defineCache } from '../../../server/platform/cache.js';
import type { Ctx } from '../../../server/platform/context.js';
import { loadProfileCatalogue, type ProfileCatalogue } from './profiles.js';

/**
 * A tenant's target profiles, read by every assessment: they change only through this module's
 * writes (which call `steeringTargetsChanged`), so the entry lives long and a read costs no query.
 */
export const profileCatalogueCache = defineCache<Promise<ProfileCatalogue>>('pilotage-profile-catalogue', { max: 1_000, ttlMs: 10 * 60_000 });

/**
 * The steering dashboard of one scope and filters, as the JSON bytes sent (the whole estate
 * aggregated: a Région's 1,000 schools and 60,000 devices per request is what made it slow under
 * load; and writing its thousand map points again for every reader cost most of what remained).
 * It says when it was computed (`computedAt`); the writes of this module that change its inputs
 * empty it, the fleet's, links' and desk's changes reach it within its time to live (each school's
 * own page is computed live). The school pages and the figures' drill-downs stay computed live.
 */
export const dashboardCacheTtlMs = 15_000;
export const dashboardCache = defineCache<Promise<Buffer>>('pilotage-dashboard', { max: 500, ttlMs: dashboardCacheTtlMs });

/** The profile catalogue of a tenant, through the cache (concurrent readers share one load). */
export function cachedProfileCatalogue(ctx: Ctx, tenantId: string): Promise<ProfileCatalogue> {
  return ctx.cache.of(profileCatalogueCache).remember(tenantId, () => loadProfileCatalogue(ctx.db, tenantId));
}

/** After a write to targets or school context has committed: here and in every other process. */
export function steeringTargetsChanged(ctx: Ctx, tenantId: string): void {
  ctx.cache.invalidate(profileCatalogueCache, tenantId);
  // keyed by tenant and scope: a rare write empties all of it rather than tracking keys
  ctx.cache.invalidate(dashboardCache);
}
