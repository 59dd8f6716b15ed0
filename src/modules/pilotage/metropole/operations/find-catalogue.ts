import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { organizationNames } from '../../governance/names.js';
import { communeReader, managesCatalogue } from '../access.js';
import { catalogueServices, communeMemberships, joiningCycles, subscriptions } from '../db/schema.js';

/** The catalogue (services, levels, unit costs) and the cycles: the same for every commune. */
export async function findCatalogue(ctx: Ctx) {
  const { tenantId, actor } = communeReader(ctx);
  const [services, cycles] = await Promise.all([
    ctx.db.select().from(catalogueServices).where(eq(catalogueServices.tenantId, tenantId)).orderBy(asc(catalogueServices.name)),
    ctx.db.select().from(joiningCycles).where(eq(joiningCycles.tenantId, tenantId)).orderBy(asc(joiningCycles.year)),
  ]);
  return {
    canManage: managesCatalogue(actor),
    services: services.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      ticketCategories: s.ticketCategories,
      resolveWithinTarget: s.resolveWithinTarget,
      costPerDeviceCents: s.costPerDeviceCents,
      costPerPupilCents: s.costPerPupilCents,
      version: s.version,
    })),
    cycles: cycles.map((c) => ({ id: c.id, year: c.year, label: c.label, version: c.version })),
  };
}

/** The communes' answers and subscriptions: all for the Métropole, its own for a commune. */
export async function findCommunes(ctx: Ctx) {
  const reader = communeReader(ctx);
  const { tenantId } = reader;
  const scope = reader.all ? undefined : inArray(communeMemberships.communeId, reader.communeIds.length ? reader.communeIds : ['00000000-0000-0000-0000-000000000000']);
  const [list, subs, names] = await Promise.all([
    ctx.db
      .select({ m: communeMemberships, year: joiningCycles.year })
      .from(communeMemberships)
      .innerJoin(joiningCycles, and(eq(joiningCycles.tenantId, communeMemberships.tenantId), eq(joiningCycles.id, communeMemberships.cycleId)))
      .where(and(eq(communeMemberships.tenantId, tenantId), scope))
      .orderBy(asc(joiningCycles.year)),
    ctx.db.select().from(subscriptions).where(eq(subscriptions.tenantId, tenantId)),
    organizationNames(ctx, tenantId),
  ]);
  return list
    .map(({ m, year }) => ({
      communeId: m.communeId,
      name: names.get(m.communeId) ?? m.inseeCode,
      inseeCode: m.inseeCode,
      status: m.status,
      cycleYear: year,
      costSplit: m.costSplit,
      serviceIds: subs.filter((s) => s.communeId === m.communeId).map((s) => s.serviceId),
    }))
    .sort((a, b) => a.cycleYear - b.cycleYear || a.name.localeCompare(b.name, 'fr'));
}
