import type { CommuneSchool } from './commune-figures.js';

/** The unit a commune's cost is counted in, as its convention says. */
export const unitsOf = { devices: 'équipements en service', pupils: 'élèves' } as const;

interface Service {
  id: string;
  costPerDeviceCents: number;
  costPerPupilCents: number;
}
interface Membership {
  communeId: string;
  inseeCode: string;
  costSplit: string;
}

/** A commune's units (devices or pupils of its écoles) times the unit cost. */
export function communeCost(service: Service, split: 'devices' | 'pupils', schools: readonly CommuneSchool[]) {
  const units = schools.reduce((s, e) => s + (split === 'devices' ? e.devices : e.pupils), 0);
  const unitCostCents = split === 'devices' ? service.costPerDeviceCents : service.costPerPupilCents;
  return { units, unitCostCents, costCents: units * unitCostCents };
}

/** The commune's cost for a service and its share of what every subscribing commune pays for it. */
export function shareOfCost(
  service: Service,
  communeId: string,
  split: 'devices' | 'pupils',
  joined: readonly Membership[],
  subs: readonly { communeId: string; serviceId: string }[],
  schools: readonly CommuneSchool[],
) {
  const own = communeCost(service, split, schools.filter((s) => s.communeCode === joined.find((j) => j.communeId === communeId)?.inseeCode));
  const total = joined
    .filter((j) => subs.some((x) => x.communeId === j.communeId && x.serviceId === service.id))
    .reduce((sum, j) => sum + communeCost(service, j.costSplit as 'devices' | 'pupils', schools.filter((s) => s.communeCode === j.inseeCode)).costCents, 0);
  return { ...own, shareOfTotal: total === 0 ? null : Math.round((own.costCents / total) * 10000) / 10000 };
}
