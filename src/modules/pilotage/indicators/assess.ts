import { DateTime } from 'luxon';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { deskAgreementByEstablishment } from '../../guichet/index.js';
import { fleetFiguresByEstablishment, wifiCoverageByEstablishment, type FleetFigures, type RoomCoverage } from '../../parc/index.js';
import {
  compare,
  devicesPer100Pupils,
  indicatorCodes,
  pupilsPerDevice,
  shareOf,
  symmetricMbps,
  teachingRoomKinds,
  type IndicatorCode,
  type IndicatorResult,
} from './catalogue.input.js';
import { chooseProfile, type ProfileChoice, type ProfileCatalogue } from './profiles.js';
import { steeringSchools, type SteeringSchool } from './schools.js';
import { siteLinks, type SiteLink } from './site-links.js';

export interface Assessment {
  school: SteeringSchool;
  profile: ProfileChoice | null;
  computedAt: Date;
  indicators: IndicatorResult[];
  /** The counts behind the figures, for the PPI's quantities. */
  inputs: Inputs;
}

/** Everything one school's figures are made of, gathered set-wise for all the schools at once. */
export interface Inputs {
  fleet: FleetFigures | undefined;
  rooms: RoomCoverage | undefined;
  link: SiteLink | undefined;
  desk: { solved: number; late: number } | undefined;
}

export const parisDate = (now: Date) => DateTime.fromJSDate(now).setZone('Europe/Paris').toISODate()!;
/** The desk's share within agreement is read over the last year's solved tickets. */
export const deskSince = (now: Date) => new Date(now.getTime() - 365 * 24 * 3600 * 1000);

/** The value of each indicator for one school, before comparison (null: no data). */
export function indicatorValues(school: SteeringSchool, inputs: Inputs): Record<IndicatorCode, number | null> {
  const { fleet, rooms, link, desk } = inputs;
  const devices = fleet?.teachingDevices ?? 0;
  const base = fleet?.fleet ?? 0;
  return {
    internet_down_mbps: link?.downMbps ?? null,
    internet_up_mbps: link?.upMbps ?? null,
    internet_symmetric: symmetricMbps(link?.downMbps ?? null, link?.upMbps ?? null),
    wifi_teaching_rooms_share: shareOf(rooms?.covered ?? 0, rooms?.teachingRooms ?? 0),
    pupils_per_device: pupilsPerDevice(school.pupils, devices),
    devices_per_100_pupils: devicesPer100Pupils(school.pupils, devices),
    fleet_under_5_years_share: shareOf(fleet?.underYears ?? 0, base),
    warranty_share: shareOf(fleet?.underWarranty ?? 0, base),
    displays_per_classroom: rooms?.classrooms ? Math.round(((fleet?.interactiveDisplays ?? 0) / rooms.classrooms) * 100) / 100 : null,
    ent_open: school.entOpen === null ? null : school.entOpen ? 1 : 0,
    licences_per_pupil: school.resourceLicences === null || !school.pupils ? null : Math.round((school.resourceLicences / school.pupils) * 100) / 100,
    desk_within_agreement_share: desk ? shareOf(desk.solved - desk.late, desk.solved) : null,
  };
}

export function assessOne(school: SteeringSchool, profile: ProfileChoice | null, inputs: Inputs, computedAt: Date): Assessment {
  const values = indicatorValues(school, inputs);
  const targets = new Map(profile?.indicators.map((i) => [i.code, i.target]) ?? []);
  return { school, profile, computedAt, inputs, indicators: indicatorCodes.map((code) => compare(code, values[code], targets.get(code) ?? null)) };
}

/**
 * The assessments of the schools in `scope` (narrowed to `ids`), from live data: one grouped query
 * per source for all of them (fleet, rooms, links, desk), then a pass in memory.
 */
export async function assessSchools(
  db: Db,
  tenantId: string,
  scope: SQL,
  profiles: ProfileCatalogue,
  now: Date,
  filter: { ids?: readonly string[] | null; uai?: string; schools?: readonly SteeringSchool[] } = {},
): Promise<Assessment[]> {
  // schools already read (and scoped) by the caller are not read again
  const schools = filter.schools ?? (await steeringSchools(db, tenantId, scope, filter));
  if (!schools.length) return [];
  // a handful of schools: ask for them; many: read the tenant grouped once (cheaper than a huge id list)
  const asked = schools.length <= 500 ? schools.map((s) => s.id) : null;
  const [fleet, rooms, links, desk] = await Promise.all([
    fleetFiguresByEstablishment(db, tenantId, asked, parisDate(now)),
    wifiCoverageByEstablishment(db, tenantId, asked, teachingRoomKinds),
    siteLinks(db, tenantId, schools.map((s) => s.id), now),
    deskAgreementByEstablishment(db, tenantId, asked, deskSince(now)),
  ]);
  return schools.map((school) =>
    assessOne(school, chooseProfile(profiles, school), { fleet: fleet.get(school.id), rooms: rooms.get(school.id), link: links.get(school.id), desk: desk.get(school.id) }, now),
  );
}
