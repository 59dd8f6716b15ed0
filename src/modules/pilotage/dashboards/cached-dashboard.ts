import { establishmentScope, type EstablishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { dashboardCache } from '../indicators/steering-caches.js';
import { steeringScope } from '../operations/steering-scope.js';
import { getDashboard, type DashboardFilters } from './get-dashboard.js';
import { dashboardSchema, presentDashboard } from './presenters.js';

/** Actors whose scopes reach the same schools share one entry (two heads of one school, every authority admin). */
function scopeKey(scope: EstablishmentScope): string {
  const sorted = (list: readonly string[]) => [...new Set(list)].sort();
  return JSON.stringify([scope.all, sorted(scope.unitIds), sorted(scope.establishmentIds), sorted(scope.academyCodes)]);
}

/**
 * The dashboard of the caller's scope and filters through the tenant's cache (steering-caches.ts),
 * as the JSON bytes to send: authorized first, then computed, checked against its schema and
 * written once for every reader of the same scope until it expires. `fresh` computes it again now
 * (a reader who has just changed the fleet, a link or a ticket and wants to see it counted), and
 * the new figures replace the cached ones for everyone.
 */
export function steeringDashboard(ctx: Ctx, filters: DashboardFilters, options: { fresh?: boolean } = {}): Promise<Buffer> {
  const { tenantId, ctx: authed } = steeringScope(ctx);
  const key = JSON.stringify([tenantId, scopeKey(establishmentScope(authed.actor, 'steering.read')), filters.academyCode ?? null, filters.departmentCode ?? null]);
  const make = async () => Buffer.from(JSON.stringify(dashboardSchema.parse(presentDashboard(await getDashboard(ctx, filters)))));
  const cache = ctx.cache.of(dashboardCache);
  return options.fresh ? cache.refresh(key, make) : cache.remember(key, make);
}
