import { SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rows, type Db } from '../../../server/platform/db.js';
import { textArray, uuidArray } from '../../../server/platform/prepared.js';
import { assets } from '../db/schema.js';
import { computerClasses, mobileClasses, outOfFleetStatuses, usableStatuses } from './fleet-sets.js';

/**
 * What the steering module reads of the fleet, one grouped pass per question over all the schools
 * asked (null: the whole tenant), so a national assessment is a few scans, never one query per school.
 */

export interface FleetFigures {
  /** Computers and tablets pupils can use today (in service or lent). */
  teachingDevices: number;
  /** Computers and tablets still in the fleet (not ordered, retired or lost): the base of age and warranty shares. */
  fleet: number;
  underYears: number;
  underWarranty: number;
  interactiveDisplays: number;
}

const teachingClasses = [...computerClasses, ...mobileClasses];

/**
 * The schools a figure is asked for: a list of ids, the whole tenant (null), or one school named by
 * an SQL expression of the caller's own statement (`s.id`), for a lateral join that reads one
 * school's figures with its other sources in a single statement.
 */
export type EstablishmentsAsked = readonly string[] | null | SQL;

const establishmentFilter = (column: SQL | AnyPgColumn, asked: EstablishmentsAsked, ifAll: SQL = sql`and ${column} is not null`): SQL =>
  asked === null ? ifAll : asked instanceof SQL ? sql`and ${column} = ${asked}` : sql`and ${column} = any(${uuidArray(asked)})`;

/**
 * The fleet figures of the schools asked, one row per school that has devices. `today` is an ISO
 * date; a device bought exactly `years` years before it is not « under » them.
 */
export function fleetFiguresSql(tenantId: string, asked: EstablishmentsAsked, today: string, years = 5): SQL {
  const inFleet = sql`${assets.status} <> all(${textArray(outOfFleetStatuses)})`;
  const teaching = sql`${assets.assetClass} = any(${textArray(teachingClasses)})`;
  return sql`select ${assets.establishmentId} as "establishmentId",
               count(*) filter (where ${teaching} and ${assets.status} = any(${textArray(usableStatuses)}))::int as "teachingDevices",
               count(*) filter (where ${teaching} and ${inFleet})::int as "fleet",
               count(*) filter (where ${teaching} and ${inFleet} and ${assets.purchaseDate} > (${today}::date - make_interval(years => ${years}))::date)::int as "underYears",
               count(*) filter (where ${teaching} and ${inFleet} and ${assets.warrantyEnd} >= ${today}::date)::int as "underWarranty",
               count(*) filter (where ${assets.assetClass} = 'interactive-display' and ${inFleet})::int as "interactiveDisplays"
          from ${assets}
         where ${assets.tenantId} = ${tenantId} ${establishmentFilter(assets.establishmentId, asked)}
         group by ${assets.establishmentId}`;
}

export async function fleetFiguresByEstablishment(
  db: Db,
  tenantId: string,
  establishmentIds: readonly string[] | null,
  today: string,
  years = 5,
): Promise<Map<string, FleetFigures>> {
  const found = await rows<FleetFigures & { establishmentId: string }>(db, fleetFiguresSql(tenantId, establishmentIds, today, years));
  return new Map(found.map(({ establishmentId, ...figures }) => [establishmentId, figures]));
}

export interface RoomCoverage {
  teachingRooms: number;
  covered: number;
  classrooms: number;
}

/** Rooms of the given kinds, and those with a Wi-Fi access point of the fleet placed in them, one row per school that has rooms. */
export function wifiCoverageSql(tenantId: string, asked: EstablishmentsAsked, teachingKinds: readonly string[]): SQL {
  // a device's room is always one of its school's (asset-scope.ts): the access points are read by
  // school through assets_establishment_idx, never by scanning every access point of the tenant
  return sql`select r.establishment_id as "establishmentId",
               count(*) filter (where r.kind = any(${textArray(teachingKinds)}))::int as "teachingRooms",
               count(*) filter (where r.kind = any(${textArray(teachingKinds)}) and ap.room_id is not null)::int as "covered",
               count(*) filter (where r.kind = 'classroom')::int as "classrooms"
          from referentiel.rooms_view r
          left join (select distinct ${assets.establishmentId} as establishment_id, ${assets.roomId} as room_id from ${assets}
                      where ${assets.tenantId} = ${tenantId} ${establishmentFilter(assets.establishmentId, asked)} and ${assets.assetClass} = 'wifi-access-point'
                        and ${assets.status} <> all(${textArray(outOfFleetStatuses)}) and ${assets.roomId} is not null) ap
            on ap.establishment_id = r.establishment_id and ap.room_id = r.id
         where r.tenant_id = ${tenantId} ${establishmentFilter(sql`r.establishment_id`, asked, sql``)}
         group by r.establishment_id`;
}

export async function wifiCoverageByEstablishment(
  db: Db,
  tenantId: string,
  establishmentIds: readonly string[] | null,
  teachingKinds: readonly string[],
): Promise<Map<string, RoomCoverage>> {
  const found = await rows<RoomCoverage & { establishmentId: string }>(db, wifiCoverageSql(tenantId, establishmentIds, teachingKinds));
  return new Map(found.map(({ establishmentId, ...figures }) => [establishmentId, figures]));
}

export interface UncoveredRoom {
  id: string;
  name: string;
  kind: string;
  building: string;
}

/** The drill-down of Wi-Fi coverage: the teaching rooms of a school without an access point. */
export function roomsWithoutWifi(db: Db, tenantId: string, establishmentId: string, teachingKinds: readonly string[]): Promise<UncoveredRoom[]> {
  return rows<UncoveredRoom>(
    db,
    sql`select r.id, r.name, r.kind, b.name as building
          from referentiel.rooms_view r join referentiel.buildings_view b on b.tenant_id = r.tenant_id and b.id = r.building_id
         where r.tenant_id = ${tenantId} and r.establishment_id = ${establishmentId} and r.kind = any(${textArray(teachingKinds)})
           and not exists (select 1 from ${assets} where ${assets.tenantId} = r.tenant_id and ${assets.roomId} = r.id
                             and ${assets.assetClass} = 'wifi-access-point' and ${assets.status} <> all(${textArray(outOfFleetStatuses)}))
         order by b.name, r.name`,
  );
}

export interface SteeringDevice {
  id: string;
  name: string | null;
  assetClass: string;
  status: string;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  room: string | null;
}

export type DeviceSelection = 'teaching' | 'past-age' | 'out-of-warranty' | 'interactive-displays';

/** The drill-down of the fleet figures: the devices behind one of them, for one school. */
export function steeringDevices(db: Db, tenantId: string, establishmentId: string, selection: DeviceSelection, today: string, years = 5): Promise<SteeringDevice[]> {
  const inFleet = sql`a.status <> all(${textArray(outOfFleetStatuses)})`;
  const teaching = sql`a.class = any(${textArray(teachingClasses)})`;
  const which: Record<DeviceSelection, SQL> = {
    teaching: sql`${teaching} and a.status = any(${textArray(usableStatuses)})`,
    'past-age': sql`${teaching} and ${inFleet} and (a.purchase_date is null or a.purchase_date <= (${today}::date - make_interval(years => ${years}))::date)`,
    'out-of-warranty': sql`${teaching} and ${inFleet} and (a.warranty_end is null or a.warranty_end < ${today}::date)`,
    'interactive-displays': sql`a.class = 'interactive-display' and ${inFleet}`,
  };
  return rows<SteeringDevice>(
    db,
    sql`select a.id, a.name, a.class as "assetClass", a.status, a.purchase_date::text as "purchaseDate", a.warranty_end::text as "warrantyEnd", r.name as room
          from ${assets} a left join referentiel.rooms_view r on r.tenant_id = a.tenant_id and r.id = a.room_id
         where a.tenant_id = ${tenantId} and a.establishment_id = ${establishmentId} and ${which[selection]}
         order by a.purchase_date nulls first, a.name`,
  );
}
