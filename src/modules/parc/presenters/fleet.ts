import { z } from 'zod';
import { assetClassLabels, assetClasses, assetStatusLabels, type AssetClass, type AssetStatus } from '../asset-classes.js';
import { ageBuckets } from '../lifecycle/age-buckets.js';
import type { DeviceLifecycle } from '../lifecycle/device-lifecycle.js';
import { outOfFleetStatuses, pupilsPer, share } from '../lifecycle/fleet-sets.js';
import type { getFleetStats } from '../operations/get-fleet-stats.js';
import type { getRenewalForecast } from '../operations/get-renewal-forecast.js';
import type { findFleetEstablishments } from '../operations/find-fleet-establishments.js';
import type { findLifecycleDevices } from '../operations/find-lifecycle-devices.js';
import { displayName } from '../../../shared/display-name.js';

const classLabel = (c: string) => assetClassLabels[c as AssetClass] ?? c;
const statusLabel = (s: string) => assetStatusLabels[s as AssetStatus] ?? s;

const establishmentRef = z.object({ uai: z.string(), name: z.string(), pupils: z.number().nullable() }).nullable();
const expectedLifeSchema = z.record(z.string(), z.number());

export const fleetStatsSchema = z.object({
  establishment: establishmentRef,
  asOf: z.string(),
  /** Every device, whatever its status. */
  total: z.number(),
  /** Devices in the fleet: not ordered, retired or lost. */
  fleet: z.number(),
  byClass: z.array(z.object({ class: z.string(), label: z.string(), count: z.number() })),
  byStatus: z.array(z.object({ status: z.string(), label: z.string(), count: z.number() })),
  byClassAndStatus: z.array(z.object({ class: z.string(), status: z.string(), count: z.number() })),
  agePyramid: z.array(
    z.object({
      bucket: z.number(),
      label: z.string(),
      minYears: z.number().nullable(),
      maxYears: z.number().nullable(),
      count: z.number(),
      byClass: z.record(z.string(), z.number()),
    }),
  ),
  operatingSystems: z.array(z.object({ name: z.string().nullable(), version: z.string().nullable(), devices: z.number(), establishments: z.number() })),
  warranty: z.object({ covered: z.number(), expired: z.number(), unknown: z.number(), outOfWarrantyShare: z.number().nullable() }),
  stale: z.object({
    afterDays: z.number(),
    count: z.number(),
    neverInventoried: z.number().describe('Équipements du parc qu’aucun agent n’a jamais inventoriés (ni à jour, ni en retard)'),
  }),
  pupils: z.object({
    pupils: z.number().nullable(),
    computers: z.number(),
    tablets: z.number(),
    pupilsPerComputer: z.number().nullable(),
    pupilsPerDevice: z.number().nullable(),
  }),
  expectedLifeYears: expectedLifeSchema,
});

function totalsBy<T extends { count: number }>(list: T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of list) out.set(key(item), (out.get(key(item)) ?? 0) + item.count);
  return out;
}

export function presentFleetStats(result: Awaited<ReturnType<typeof getFleetStats>>): z.infer<typeof fleetStatsSchema> {
  const { counts } = result;
  const fleetOnly = counts.classStatus.filter((c) => !outOfFleetStatuses.includes(c.status as AssetStatus));
  const byClass = totalsBy(fleetOnly, (c) => c.assetClass);
  const byStatus = totalsBy(counts.classStatus, (c) => c.status);
  const classOrder = (c: string) => (assetClasses as readonly string[]).indexOf(c);
  const { covered, expired, unknown } = counts.warranty;
  return {
    establishment: result.establishment ? { uai: result.establishment.uai, name: result.establishment.name, pupils: result.establishment.pupils } : null,
    asOf: result.now.toISOString(),
    total: counts.total,
    fleet: counts.fleet,
    byClass: [...byClass].sort((a, b) => classOrder(a[0]) - classOrder(b[0])).map(([c, count]) => ({ class: c, label: classLabel(c), count })),
    byStatus: [...byStatus].map(([s, count]) => ({ status: s, label: statusLabel(s), count })),
    byClassAndStatus: counts.classStatus.map((c) => ({ class: c.assetClass, status: c.status, count: c.count })),
    agePyramid: ageBuckets.map((b) => {
      const rows = counts.ageByClass.filter((a) => a.bucket === b.index);
      return {
        bucket: b.index,
        label: b.label,
        minYears: b.minYears,
        maxYears: b.maxYears,
        count: rows.reduce((n, r) => n + r.count, 0),
        byClass: Object.fromEntries(rows.map((r) => [r.assetClass, r.count])),
      };
    }),
    operatingSystems: [...counts.operatingSystems].sort((a, b) => b.devices - a.devices || `${a.name} ${a.version}`.localeCompare(`${b.name} ${b.version}`)),
    warranty: { covered, expired, unknown, outOfWarrantyShare: share(expired, covered + expired) },
    stale: { afterDays: result.settings.staleAfterDays, count: counts.stale, neverInventoried: counts.neverInventoried },
    pupils: {
      pupils: result.pupils,
      computers: counts.usableComputers,
      tablets: counts.usableTablets,
      pupilsPerComputer: pupilsPer(result.pupils, counts.usableComputers),
      pupilsPerDevice: pupilsPer(result.pupils, counts.usableComputers + counts.usableTablets),
    },
    expectedLifeYears: result.settings.expectedLife,
  };
}

export const renewalForecastSchema = z.object({
  from: z.number(),
  years: z.number(),
  establishment: establishmentRef,
  expectedLifeYears: expectedLifeSchema,
  averagePrice: z.record(z.string(), z.number().nullable()),
  rows: z.array(
    z.object({
      year: z.number(),
      uai: z.string().nullable(),
      establishmentName: z.string().nullable(),
      class: z.string(),
      classLabel: z.string(),
      due: z.number(),
      overdue: z.number(),
      estimatedCost: z.number().nullable(),
    }),
  ),
  totals: z.array(z.object({ year: z.number(), due: z.number(), overdue: z.number(), estimatedCost: z.number(), unpriced: z.number() })),
  unknownAge: z.array(z.object({ class: z.string(), count: z.number() })),
});

export function presentRenewalForecast(result: Awaited<ReturnType<typeof getRenewalForecast>>): z.infer<typeof renewalForecastSchema> {
  return {
    from: result.from,
    years: result.years,
    establishment: result.establishment ? { uai: result.establishment.uai, name: result.establishment.name, pupils: result.establishment.pupils } : null,
    expectedLifeYears: result.expectedLife,
    averagePrice: result.averagePrice,
    rows: result.rows.map((r) => ({
      year: r.year,
      uai: r.uai,
      establishmentName: r.establishmentName && displayName(r.establishmentName),
      class: r.assetClass,
      classLabel: classLabel(r.assetClass),
      due: r.due,
      overdue: r.overdue,
      estimatedCost: r.estimatedCost,
    })),
    totals: result.totals,
    unknownAge: result.unknownAge.map((u) => ({ class: u.assetClass, count: u.count })),
  };
}

export const fleetEstablishmentsSchema = z.object({
  items: z.array(
    z.object({
      uai: z.string(),
      name: z.string(),
      pupils: z.number().nullable(),
      devices: z.number(),
      computers: z.number(),
      tablets: z.number(),
      pupilsPerComputer: z.number().nullable(),
      pupilsPerDevice: z.number().nullable(),
      outOfWarranty: z.number(),
      dueThisYear: z.number(),
      osDevices: z.number().nullable(),
    }),
  ),
  total: z.number(),
  osFilter: z.object({ name: z.string(), version: z.string().nullable() }).nullable(),
});

export function presentFleetEstablishments(result: Awaited<ReturnType<typeof findFleetEstablishments>>): z.infer<typeof fleetEstablishmentsSchema> {
  return {
    items: result.items.map((e) => ({
      uai: e.uai,
      name: e.name && displayName(e.name),
      pupils: e.pupils,
      devices: e.devices,
      computers: e.computers,
      tablets: e.tablets,
      pupilsPerComputer: pupilsPer(e.pupils, e.computers),
      pupilsPerDevice: pupilsPer(e.pupils, e.computers + e.tablets),
      outOfWarranty: e.outOfWarranty,
      dueThisYear: e.dueThisYear,
      osDevices: result.osFilter ? e.osDevices : null,
    })),
    total: result.total,
    osFilter: result.osFilter,
  };
}

const lifecycleSchema = z.object({
  ageStart: z.string().nullable(),
  ageSource: z.enum(['purchase', 'first-inventory']).nullable(),
  ageYears: z.number().nullable(),
  expectedLifeYears: z.number(),
  renewalYear: z.number().nullable(),
  warranty: z.enum(['covered', 'expired', 'unknown']),
});

export const lifecycleDevicesSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      serial: z.string().nullable(),
      class: z.string(),
      status: z.string(),
      uai: z.string().nullable(),
      establishmentName: z.string().nullable(),
      purchaseDate: z.string().nullable(),
      warrantyEnd: z.string().nullable(),
      lifecycle: lifecycleSchema,
    }),
  ),
  total: z.number(),
  expectedLifeYears: expectedLifeSchema,
});

export function presentLifecycleDevices(result: Awaited<ReturnType<typeof findLifecycleDevices>>): z.infer<typeof lifecycleDevicesSchema> {
  return {
    items: result.items.map((d) => ({
      id: d.id,
      name: d.name,
      serial: d.serial,
      class: d.assetClass,
      status: d.status,
      uai: d.uai,
      establishmentName: d.establishmentName && displayName(d.establishmentName),
      purchaseDate: d.purchaseDate,
      warrantyEnd: d.warrantyEnd,
      lifecycle: d.lifecycle satisfies DeviceLifecycle,
    })),
    total: result.total,
    expectedLifeYears: result.expectedLife,
  };
}
