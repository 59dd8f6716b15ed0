import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import { defineCache } from '../../../server/platform/cache.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentTotals, findEstablishments, type FindEstablishmentsInput } from './find-establishments.js';

type EstablishmentsPage = Awaited<ReturnType<typeof findEstablishments>>;

/**
 * Pages of the list as the operation found them (rows, total, cursors), keyed by tenant, the
 * actor's scope and the request: what people browse most (the first pages of the whole list, one
 * sort or another; a filter; a search typed again) is read again far more often than the
 * référentiel changes, which is mostly by imports. Every write to a tenant's schools empties it
 * whole in every process (`establishmentsChanged`), as it does the totals; the time to live bounds
 * what a lost notification could leave. The rights shown on each row are worked out per request,
 * by the presenter, from the caller's own roles.
 */
export const establishmentPages = defineCache<Promise<EstablishmentsPage>>('establishment-pages', { max: 1_000, ttlMs: 30_000 });

/**
 * A page of the list, through the cache (concurrent readers of one page share one load). Pages by
 * cursor are read directly: a deep page is rarely asked twice, and keeping each one filled the
 * cache with entries nobody reads again (measured: 0.3 ms more server CPU per deep page, the
 * garbage collector's).
 */
export function cachedEstablishments(ctx: Ctx, input: FindEstablishmentsInput): Promise<EstablishmentsPage> {
  authorize(ctx.actor, 'establishment.read');
  if (input.after !== undefined || input.before !== undefined) return findEstablishments(ctx, input);
  const key = JSON.stringify([ctx.actor.tenantId, establishmentScope(ctx.actor, 'establishment.read'), input]);
  return ctx.cache.of(establishmentPages).remember(key, () => findEstablishments(ctx, input));
}

/** After a write to schools (or to which unit holds them) has committed: the list's pages and totals, here and in every other process. */
export function establishmentsChanged(ctx: Ctx): void {
  ctx.cache.invalidate(establishmentTotals);
  ctx.cache.invalidate(establishmentPages);
}
