import { establishmentScope, type EstablishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { dashboardCache } from '../indicators/steering-caches.js';
import { steeringScope } from '../operations/steering-scope.js';
import { getDashboard, type DashboardFilters } from './get-dashboard.js';
import { presentDashboard, type DashboardView } from './presenters.js';

/** Actors whose scopes reach the same schools share one entry (two heads of one school, every authority admin). */
function scopeKey(scope: EstablishmentScope): string {
  const sorted = (list: readonly string[]) => [...new Set(list)].sort();
  return JSON.stringify([scope.all, sorted(scope.unitIds), sorted(scope.establishmentIds), sorted(scope.academyCodes)]);
}

/**
 * The dashboard of the caller's scope and filters through the tenant's cache (steering-caches.ts):
 * authorized first, then computed once for every concurrent reader of the same scope.
 */
export function steeringDashboard(ctx: Ctx, filters: DashboardFilters): Promise<DashboardView> {
  const { tenantId, ctx: authed } = steeringScope(ctx);
  const key = JSON.stringify([tenantId, scopeKey(establishmentScope(authed.actor, 'steering.read')), filters.academyCode ?? null, filters.departmentCode ?? null]);
  return ctx.cache.of(dashboardCache).remember(key, async () => presentDashboard(await getDashboard(ctx, filters)));
}
