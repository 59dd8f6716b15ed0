import { and, eq, type SQL } from 'drizzle-orm';
import { authorize, establishmentScope, type Action } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { siteLinks } from './db/schema.js';

export const linkEstablishmentJoin = and(eq(establishments.tenantId, siteLinks.tenantId), eq(establishments.id, siteLinks.establishmentId));

/** Links of the sites the actor reaches for an action (403 first without the action). */
export function linkWhere(ctx: Ctx, action: Action): SQL {
  authorize(ctx.actor, action);
  return and(eq(siteLinks.tenantId, ctx.actor.tenantId), establishmentScopeWhere(establishmentScope(ctx.actor, action)))!;
}

/** A site by UAI within the actor's reach; elsewhere or unknown: not found. */
export async function siteInScope(ctx: Ctx, uai: string, action: Action) {
  authorize(ctx.actor, action);
  const [site] = await ctx.db
    .select({ id: establishments.id, uai: establishments.uai, name: establishments.name })
    .from(establishments)
    .where(and(eq(establishments.tenantId, ctx.actor.tenantId), eq(establishments.uai, uai.toUpperCase()), establishmentScopeWhere(establishmentScope(ctx.actor, action))));
  if (!site) throw notFound('Établissement');
  return site;
}

/** One link within the actor's reach, with its site. */
export async function linkInScope(ctx: Ctx, id: string, action: Action) {
  const where = linkWhere(ctx, action);
  const [row] = await ctx.db
    .select({ link: siteLinks, uai: establishments.uai, establishmentName: establishments.name })
    .from(siteLinks)
    .innerJoin(establishments, linkEstablishmentJoin)
    .where(and(where, eq(siteLinks.id, id)));
  if (!row) throw notFound('Lien réseau');
  return row;
}

/** The fields a change record keeps of a link. */
export function linkSnapshot(l: typeof siteLinks.$inferSelect) {
  return {
    operator: l.operator,
    technology: l.technology,
    symmetric: l.symmetric,
    downMbps: l.downMbps,
    upMbps: l.upMbps,
    monthlyCostCents: l.monthlyCostCents,
    setupFeeCents: l.setupFeeCents,
    contractId: l.contractId,
    lotId: l.lotId,
    startDate: l.startDate,
    endDate: l.endDate,
  };
}

/** The day before an ISO date (the last day of the period a new link replaces). */
export function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Today in the product's time zone is close enough to UTC for a link's day; the clock decides. */
export const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);
