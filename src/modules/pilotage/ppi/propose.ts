import type { Assessment } from '../indicators/assess.js';
import type { IndicatorCode } from '../indicators/catalogue.input.js';
import { ipsOf } from '../presenters/assessment.js';

import type { OperationKind } from '../operations/ppi.input.js';

export { operationKinds, operationLabels, type OperationKind } from '../operations/ppi.input.js';

/** Unit costs in cents when neither a contract's price list nor the tenant's references give one. */
export const defaultUnitCostsCents: Record<OperationKind, number> = {
  add_devices: 70_000,
  renew_pcs: 70_000,
  wifi_rooms: 120_000,
  cabling: 250_000,
  link_upgrade: 400_000,
  interactive_displays: 350_000,
};

export interface ProposedOperation {
  establishmentId: string;
  kind: OperationKind;
  indicatorCode: IndicatorCode;
  quantity: number;
  priority: number;
  profileVersionId: string | null;
}

/**
 * How much a school's situation weighs for equity: priority education, rurality and a low social
 * position index raise it. The index compared is the general track's (the two tracks' indices are
 * not on one footing): a vocational-only lycée has none, so its IPS is unknown and neither raises
 * nor lowers it, like a school with no index at all; a missing index is never read as 0.
 */
export function equityWeight(school: Pick<Assessment['school'], 'ipsGeneral' | 'priorityEducation' | 'rural'>): number {
  const ips = ipsOf(school);
  const rep = school.priorityEducation === 'REP+' ? 0.3 : school.priorityEducation === 'REP' ? 0.2 : 0;
  const social = ips === null ? 0 : Math.min(0.5, Math.max(0, (110 - ips) / 100));
  return 1 + rep + (school.rural ? 0.1 : 0) + social;
}

/** The size of a school's gap: the relative shortfall of each unmet indicator, each capped at 1. */
export function gapScore(a: Assessment): number {
  return a.indicators.reduce((sum, i) => (i.met === false && i.gap !== null && i.target ? sum + Math.min(1, i.gap / i.target) : sum), 0);
}

const target = (a: Assessment, code: IndicatorCode) => a.indicators.find((i) => i.code === code);

/** The works that would close a school's measured gaps (unknown figures propose nothing). */
export function proposeOperations(a: Assessment): ProposedOperation[] {
  const priority = Math.round(gapScore(a) * equityWeight(a.school) * 1000) / 1000;
  const found: ProposedOperation[] = [];
  const add = (kind: OperationKind, indicatorCode: IndicatorCode, quantity: number) => {
    if (quantity > 0) found.push({ establishmentId: a.school.id, kind, indicatorCode, quantity: Math.ceil(quantity), priority, profileVersionId: a.profile?.versionId ?? null });
  };
  const { fleet, rooms } = a.inputs;
  const pupils = a.school.pupils ?? 0;
  const devices = fleet?.teachingDevices ?? 0;
  const perDevice = target(a, 'pupils_per_device');
  const per100 = target(a, 'devices_per_100_pupils');
  const needed = Math.max(
    perDevice?.met === false && perDevice.target ? Math.ceil(pupils / perDevice.target) : 0,
    per100?.met === false && per100.target ? Math.ceil((pupils * per100.target) / 100) : 0,
  );
  add('add_devices', perDevice?.met === false ? 'pupils_per_device' : 'devices_per_100_pupils', needed - devices);
  const young = target(a, 'fleet_under_5_years_share');
  if (young?.met === false && young.target !== null && fleet) add('renew_pcs', 'fleet_under_5_years_share', young.target * fleet.fleet - fleet.underYears);
  const wifi = target(a, 'wifi_teaching_rooms_share');
  if (wifi?.met === false && wifi.target !== null && rooms) {
    const missing = Math.ceil(wifi.target * rooms.teachingRooms) - rooms.covered;
    add('cabling', 'wifi_teaching_rooms_share', missing);
    add('wifi_rooms', 'wifi_teaching_rooms_share', missing);
  }
  const link = [target(a, 'internet_down_mbps'), target(a, 'internet_symmetric'), target(a, 'internet_up_mbps')].find((i) => i?.met === false);
  if (link) add('link_upgrade', link.code, 1);
  const displays = target(a, 'displays_per_classroom');
  if (displays?.met === false && displays.target !== null && rooms) add('interactive_displays', 'displays_per_classroom', displays.target * rooms.classrooms - (fleet?.interactiveDisplays ?? 0));
  return found;
}
