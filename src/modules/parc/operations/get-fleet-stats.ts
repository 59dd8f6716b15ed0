import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { assets } from '../db/schema.js';
import { isoDate } from '../lifecycle/device-lifecycle.js';
import { computerClasses, mobileClasses, usableStatuses } from '../lifecycle/fleet-sets.js';
import { ageBucketSql, classInSql, inFleetSql, statusInSql, warrantySql } from '../lifecycle/lifecycle-sql.js';
import { establishmentJoin, fleetScope, fleetSettings } from './fleet-scope.js';

export const fleetStatsInput = z.object({ uai: z.string().trim().min(1).max(20).optional() });

export interface FleetCounts {
  classStatus: { assetClass: string; status: string; count: number }[];
  ageByClass: { bucket: number; assetClass: string; count: number }[];
  operatingSystems: { name: string | null; version: string | null; devices: number; establishments: number }[];
  warranty: Record<'covered' | 'expired' | 'unknown', number>;
  stale: number;
  /** Devices in the fleet no agent ever reported: neither stale nor up to date. */
  neverInventoried: number;
  total: number;
  fleet: number;
  usableComputers: number;
  usableTablets: number;
}

/**
 * Counts of one school's or of the whole visible fleet in one pass over the devices (grouping
 * sets): class × status, age pyramid by class, operating systems, warranty, devices the
 * inventory has not seen for `staleAfterDays`, and the pupils they serve.
 */
export async function getFleetStats(ctx: Ctx, input: z.infer<typeof fleetStatsInput>) {
  const scope = await fleetScope(ctx, input.uai);
  const settings = await fleetSettings(ctx.db, scope.tenantId);
  const now = ctx.now();
  const today = isoDate(now);
  const staleBefore = new Date(now.getTime() - settings.staleAfterDays * 86_400_000);

  const fleet = ctx.db
    .select({
      assetClass: assets.assetClass,
      status: assets.status,
      inFleet: sql<boolean>`${inFleetSql}`.as('in_fleet'),
      bucket: sql<number>`${ageBucketSql(today)}`.as('bucket'),
      warranty: sql<string>`${warrantySql(today)}`.as('warranty'),
      osName: assets.osName,
      osVersion: assets.osVersion,
      establishmentId: assets.establishmentId,
      stale: sql<boolean>`coalesce(${assets.lastInventoryAt} < ${staleBefore}, false)`.as('stale'),
      neverInventoried: sql<boolean>`(${assets.lastInventoryAt} is null)`.as('never_inventoried'),
      usableComputer: sql<boolean>`(${statusInSql(usableStatuses)} and ${classInSql(computerClasses)})`.as('usable_computer'),
      usableTablet: sql<boolean>`(${statusInSql(usableStatuses)} and ${classInSql(mobileClasses)})`.as('usable_tablet'),
    })
    .from(assets)
    .leftJoin(establishments, establishmentJoin)
    .where(scope.where)
    .as('fleet');

  const grouped = await ctx.db
    .select({
      gClass: sql<number>`grouping(${fleet.assetClass})`.mapWith(Number),
      gStatus: sql<number>`grouping(${fleet.status})`.mapWith(Number),
      gBucket: sql<number>`grouping(${fleet.bucket})`.mapWith(Number),
      gOs: sql<number>`grouping(${fleet.osName})`.mapWith(Number),
      gWarranty: sql<number>`grouping(${fleet.warranty})`.mapWith(Number),
      assetClass: fleet.assetClass,
      status: fleet.status,
      bucket: fleet.bucket,
      osName: fleet.osName,
      osVersion: fleet.osVersion,
      warranty: fleet.warranty,
      all: sql<number>`count(*)`.mapWith(Number),
      inFleet: sql<number>`count(*) filter (where ${fleet.inFleet})`.mapWith(Number),
      establishments: sql<number>`count(distinct ${fleet.establishmentId}) filter (where ${fleet.inFleet})`.mapWith(Number),
      stale: sql<number>`count(*) filter (where ${fleet.inFleet} and ${fleet.stale})`.mapWith(Number),
      neverInventoried: sql<number>`count(*) filter (where ${fleet.inFleet} and ${fleet.neverInventoried})`.mapWith(Number),
      usableComputers: sql<number>`count(*) filter (where ${fleet.usableComputer})`.mapWith(Number),
      usableTablets: sql<number>`count(*) filter (where ${fleet.usableTablet})`.mapWith(Number),
    })
    .from(fleet)
    .groupBy(
      sql`grouping sets ((${fleet.assetClass}, ${fleet.status}), (${fleet.bucket}, ${fleet.assetClass}), (${fleet.osName}, ${fleet.osVersion}), (${fleet.warranty}), ())`,
    );

  const counts: FleetCounts = {
    classStatus: [],
    ageByClass: [],
    operatingSystems: [],
    warranty: { covered: 0, expired: 0, unknown: 0 },
    stale: 0,
    neverInventoried: 0,
    total: 0,
    fleet: 0,
    usableComputers: 0,
    usableTablets: 0,
  };
  for (const g of grouped) {
    if (!g.gClass && !g.gStatus) counts.classStatus.push({ assetClass: g.assetClass, status: g.status, count: g.all });
    else if (!g.gBucket && !g.gClass && g.inFleet) counts.ageByClass.push({ bucket: g.bucket, assetClass: g.assetClass, count: g.inFleet });
    else if (!g.gOs && g.inFleet) counts.operatingSystems.push({ name: g.osName, version: g.osVersion, devices: g.inFleet, establishments: g.establishments });
    else if (!g.gWarranty) counts.warranty[g.warranty as keyof FleetCounts['warranty']] = g.inFleet;
    else if (g.gClass && g.gBucket && g.gOs && g.gWarranty) {
      counts.total = g.all;
      counts.fleet = g.inFleet;
      counts.stale = g.stale;
      counts.neverInventoried = g.neverInventoried;
      counts.usableComputers = g.usableComputers;
      counts.usableTablets = g.usableTablets;
    }
  }
  const pupils = scope.establishment ? scope.establishment.pupils : await pupilsInScope(ctx, scope.tenantId);
  return { establishment: scope.establishment, counts, pupils, settings, now };
}

/** Pupils of the open schools the actor reaches for devices. */
async function pupilsInScope(ctx: Ctx, tenantId: string): Promise<number | null> {
  const [row] = await ctx.db
    .select({ pupils: sql<number | null>`sum(${establishments.pupils})`.mapWith((v) => (v === null ? null : Number(v))) })
    .from(establishments)
    .where(and(eq(establishments.tenantId, tenantId), eq(establishments.isOpen, true), establishmentScopeWhere(establishmentScope(ctx.actor!, 'asset.read'))));
  return row?.pupils ?? null;
}
