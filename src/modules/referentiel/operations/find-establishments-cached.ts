import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import { defineCache } from '../../../server/platform/cache.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentTotals, findEstablishments, type FindEstablishmentsInput } from './find-establishments.js';

type EstablishmentsPage = Awaited<ReturnType<typeof findEstablishments>>;

/**
 * A page as the cache keeps it: the page the operation found, and its JSON as the route wrote it
 * for each set of row permissions that read it (`permissionsKey`), so a page read again is sent as
 * written, without presenting and serializing its rows again (0.08 ms of the 0.35–0.55 ms a cached
 * page cost the server, under load). Emptied with the page.
 */
interface KeptPage {
  page: EstablishmentsPage;
  bodies: Map<string, string>;
}

/** A page of the list, and its JSON for one set of row permissions: written by `write` the first time, kept with the page when the page is kept. */
export type ListedPage = EstablishmentsPage & { written(permissions: string, write: () => string): string };

/**
 * What a kept page weighs in memory, estimated: its rows as objects and its JSON strings (one byte a
 * character). Measured on the bench's tenant, 280 pages held: 1,180 bytes of heap a row, and its
 * JSON 733 characters in 754 bytes.
 */
function keptBytes({ page, bodies }: KeptPage): number {
  let written = 0;
  for (const body of bodies.values()) written += body.length;
  return rowBytes * page.items.length + written;
}
const rowBytes = 1_200;

/**
 * Pages of the list as the operation found them (rows, total, cursors), keyed by tenant, the
 * actor's scope and the request: what people browse most (the first pages of the whole list, one
 * sort or another; a filter; a search typed again) is read again far more often than the
 * référentiel changes, which is mostly by imports. Every write to a tenant's schools empties it
 * whole in every process (`establishmentsChanged`), as it does the totals; the time to live bounds
 * what a lost notification could leave. The rights shown on each row are worked out per request,
 * by the presenter, from the caller's own roles.
 *
 * Bounded in bytes, not in pages: a page of 500 rows weighs twenty of 25, and 1,000 of them would
 * have held 1 GB. 64 MB hold about 1,400 pages of 25 rows with one JSON each (48 KB). The list's
 * filters and sorts give about 4,600 first pages: replaying the bench's requests (1,000 a second,
 * 30 s to live), 1,000 pages miss 18 % of them, 1,400 pages 14 %, and any number 12 %, the pages
 * asked for the first time.
 */
export const establishmentPages = defineCache<Promise<KeptPage>>('establishment-pages', { max: 20_000, maxBytes: 64 << 20, ttlMs: 30_000, bytesOf: keptBytes });

/**
 * A page of the list, through the cache (concurrent readers of one page share one load). Pages by
 * cursor are read directly: a deep page is rarely asked twice, and keeping each one filled the
 * cache with entries nobody reads again (measured: 0.3 ms more server CPU per deep page, the
 * garbage collector's).
 */
export async function cachedEstablishments(ctx: Ctx, input: FindEstablishmentsInput): Promise<ListedPage> {
  authorize(ctx.actor, 'establishment.read');
  if (input.after !== undefined || input.before !== undefined) return { ...(await findEstablishments(ctx, input)), written: (_permissions, write) => write() };
  const key = JSON.stringify([ctx.actor.tenantId, establishmentScope(ctx.actor, 'establishment.read'), input]);
  const pages = ctx.cache.of(establishmentPages);
  const kept = await pages.remember(key, () => findEstablishments(ctx, input).then((page) => ({ page, bodies: new Map<string, string>() })));
  const written = (permissions: string, write: () => string) => {
    let body = kept.bodies.get(permissions);
    if (body === undefined) {
      kept.bodies.set(permissions, (body = write()));
      pages.grew(key, kept);
    }
    return body;
  };
  return { ...kept.page, written };
}

/** After a write to schools (or to which unit holds them) has committed: the list's pages and totals, here and in every other process. */
export function establishmentsChanged(ctx: Ctx): void {
  ctx.cache.invalidate(establishmentTotals);
  ctx.cache.invalidate(establishmentPages);
}
