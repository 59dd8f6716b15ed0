import type { Query } from 'drizzle-orm';
import { defineCache } from '../../../server/platform/cache.js';
import type { Ctx } from '../../../server/platform/context.js';

/**
 * A list page's total is its costly half: a count over the campaign's files (20,000 in a family
 * aid season) on every page. Totals are kept per campaign, one per filter and visibility (the
 * count's own statement is the key), shared by concurrent readers. Every write that changes which
 * files a filter holds (a file started, moved, routed, deleted, renamed by the purge) empties its
 * campaign's totals in every process (`dossiersChanged`). A write calls it inside its transaction,
 * so a count read in the instant before the commit may be kept: the time to live bounds that lag.
 */
export const dossierTotals = defineCache<Map<string, Promise<number>>>('campagnes-dossier-totals', { max: 2_000, ttlMs: 10_000 });

const campaignKey = (tenantId: string, campaignId: string) => `${tenantId}:${campaignId}`;

/** The total of `where` (a filter's text and values), from the campaign's totals or counted once for everyone asking. */
export function dossierTotal(ctx: Pick<Ctx, 'cache'>, tenantId: string, campaignId: string, where: Query, count: () => Promise<number>): Promise<number> {
  const totals = ctx.cache.of(dossierTotals).remember(campaignKey(tenantId, campaignId), () => new Map());
  const { sql: text, params } = where;
  const key = `${text}\u0000${JSON.stringify(params)}`;
  let total = totals.get(key);
  if (!total) {
    total = count();
    totals.set(key, total);
    total.catch(() => totals.get(key) === total && totals.delete(key));
  }
  return total;
}

/** The campaign's files changed in a way a list's filters see: its totals are counted again, here and in every process. */
export function dossiersChanged(ctx: Pick<Ctx, 'cache'>, tenantId: string, campaignId: string) {
  ctx.cache.invalidate(dossierTotals, campaignKey(tenantId, campaignId));
}

/** Files of several campaigns changed (a retention job): every campaign's totals are counted again. */
export function allDossiersChanged(ctx: Pick<Ctx, 'cache'>) {
  ctx.cache.invalidate(dossierTotals);
}
