import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { notFound } from '../../../../server/platform/errors.js';
import { serviceLevelsBySchool, withinAgreement } from '../../../guichet/index.js';
import { organizationNames } from '../../governance/names.js';
import { assertReadsCommune, communeReader } from '../access.js';
import { schoolsOfCommunes } from '../commune-figures.js';
import { catalogueServices, communeMemberships, joiningCycles, subscriptions } from '../db/schema.js';
import { unitsOf, shareOfCost } from '../cost-share.js';

export const communeServiceQuery = z.object({ year: z.coerce.number().int().min(2000, 'Année invalide').max(2100, 'Année invalide').optional() });

/**
 * What a commune got in a year: for each service it subscribes to, the desk's figures for its
 * écoles against the catalogue's level, and its share of the cost (its devices or pupils times the
 * unit cost, and that cost's share of every joined commune's). The other communes enter only in
 * the denominator of the share: their figures are never returned.
 */
export async function getCommuneService(ctx: Ctx, communeId: string, query: z.infer<typeof communeServiceQuery>) {
  const reader = communeReader(ctx);
  assertReadsCommune(reader, communeId);
  const { tenantId } = reader;
  const [membership] = await ctx.db
    .select({ m: communeMemberships, year: joiningCycles.year })
    .from(communeMemberships)
    .innerJoin(joiningCycles, and(eq(joiningCycles.tenantId, communeMemberships.tenantId), eq(joiningCycles.id, communeMemberships.cycleId)))
    .where(and(eq(communeMemberships.tenantId, tenantId), eq(communeMemberships.communeId, communeId)));
  if (!membership) throw notFound('Commune');
  const now = ctx.now();
  const year = query.year ?? Number(now.toISOString().slice(0, 4));
  const from = new Date(`${year}-01-01T00:00:00+01:00`);
  const end = new Date(`${year + 1}-01-01T00:00:00+01:00`);
  const to = end < now ? end : now;
  const [services, subs, names] = await Promise.all([
    ctx.db.select().from(catalogueServices).where(eq(catalogueServices.tenantId, tenantId)),
    ctx.db.select().from(subscriptions).where(eq(subscriptions.tenantId, tenantId)),
    organizationNames(ctx, tenantId),
  ]);
  const joined = await ctx.db.select().from(communeMemberships).where(and(eq(communeMemberships.tenantId, tenantId), eq(communeMemberships.status, 'joined')));
  const allSchools = await schoolsOfCommunes(ctx, tenantId, joined.map((j) => j.inseeCode).concat(membership.m.status === 'joined' ? [] : [membership.m.inseeCode]));
  const mine = allSchools.filter((s) => s.communeCode === membership.m.inseeCode);
  const levels = from < to ? await serviceLevelsBySchool(ctx.db, { tenantId, establishmentIds: mine.map((s) => s.id), from, to }) : [];
  const subscribed = services.filter((s) => subs.some((x) => x.communeId === communeId && x.serviceId === s.id));
  const serviceRows = subscribed.map((s) => {
    const measured = withinAgreement(levels.filter((l) => l.category !== null && s.ticketCategories.includes(l.category)));
    const cost = shareOfCost(s, communeId, membership.m.costSplit as 'devices' | 'pupils', joined, subs, allSchools);
    return {
      serviceId: s.id,
      code: s.code,
      name: s.name,
      target: s.resolveWithinTarget,
      opened: measured.opened,
      measured: measured.measured,
      withinRate: measured.withinRate,
      met: measured.withinRate === null ? null : measured.withinRate >= s.resolveWithinTarget,
      ...cost,
    };
  });
  return {
    commune: { id: communeId, name: names.get(communeId) ?? membership.m.inseeCode, inseeCode: membership.m.inseeCode },
    status: membership.m.status,
    cycleYear: membership.year,
    costSplit: membership.m.costSplit,
    unitLabel: unitsOf[membership.m.costSplit as 'devices' | 'pupils'],
    period: { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), year },
    totals: {
      schools: mine.length,
      pupils: mine.reduce((s, e) => s + e.pupils, 0),
      devices: mine.reduce((s, e) => s + e.devices, 0),
      costCents: serviceRows.reduce((s, r) => s + r.costCents, 0),
      ...withinAgreement(levels),
    },
    services: serviceRows,
    schools: mine.map((e) => {
      const own = withinAgreement(levels.filter((l) => l.establishmentId === e.id));
      return { id: e.id, uai: e.uai, name: e.name, pupils: e.pupils, devices: e.devices, opened: own.opened, withinRate: own.withinRate };
    }),
  };
}
