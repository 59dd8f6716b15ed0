import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { runTemplate, statementTemplate } from '../../../server/platform/prepared.js';
import { deskAgreementSql } from '../../guichet/index.js';
import { currentSiteLinkSql } from '../../marches/index.js';
import { fleetFiguresSql, wifiCoverageSql } from '../../parc/index.js';
import { deskSince, parisDate, type Inputs } from './assess.js';
import { teachingRoomKinds } from './catalogue.input.js';
import { steeringSchoolsSql, type SteeringSchool } from './schools.js';

interface Row extends SteeringSchool {
  hasFleet: boolean;
  teachingDevices: number | null;
  fleet: number | null;
  underYears: number | null;
  underWarranty: number | null;
  interactiveDisplays: number | null;
  hasRooms: boolean;
  teachingRooms: number | null;
  covered: number | null;
  classrooms: number | null;
  downMbps: number | null;
  upMbps: number | null;
  hasDesk: boolean;
  solved: number | null;
  late: number | null;
}

/** A value the statement takes at each run, where a builder expects the value itself. */
const slot = <T>(name: string) => sql.placeholder(name) as unknown as T;

/**
 * One school of the actor's scope (by UAI) and everything its assessment is made of, in one
 * statement: the school, then its fleet, rooms, link and desk figures joined laterally, each written
 * by the module that owns it (the same SQL as the grouped pass of assessSchools, narrowed to one
 * school). One round trip, prepared once per connection, instead of five statements planned each
 * time. Its text and the scope's values are built once per tenant, scope and day (statementTemplate):
 * the school, the Paris date and the desk's year are filled in at each request; the link's day is
 * the one of `now` (currentSiteLinkSql reads the day of the date it is given). Null when the school is not in scope.
 */
export async function oneSchoolWithInputs(
  db: Db,
  scope: { tenantId: string; where: SQL; key: string },
  uai: string,
  now: Date,
): Promise<{ school: SteeringSchool; inputs: Inputs } | null> {
  const { tenantId } = scope;
  const id = sql`s.id`;
  const template = statementTemplate('pilotage_one_school', `${tenantId}\u0000${scope.key}\u0000${now.toISOString().slice(0, 10)}`, () =>
    sql`select s.*, f."establishmentId" is not null as "hasFleet", f."teachingDevices", f.fleet, f."underYears", f."underWarranty", f."interactiveDisplays",
               w."establishmentId" is not null as "hasRooms", w."teachingRooms", w.covered, w.classrooms,
               l."downMbps", l."upMbps", d."establishmentId" is not null as "hasDesk", d.solved, d.late
          from (${steeringSchoolsSql(tenantId, scope.where, { uai: slot<string>('uai') })}) s
          left join lateral (${fleetFiguresSql(tenantId, id, slot<string>('today'))}) f on true
          left join lateral (${wifiCoverageSql(tenantId, id, teachingRoomKinds)}) w on true
          left join lateral (${currentSiteLinkSql(tenantId, id, now)}) l on true
          left join lateral (${deskAgreementSql(tenantId, id, slot<Date>('since'))}) d on true`,
  );
  const [row] = await runTemplate<Row>(db, template, { uai, today: parisDay(now), since: deskSince(now) });
  if (!row) return null;
  const { hasFleet, teachingDevices, fleet, underYears, underWarranty, interactiveDisplays, hasRooms, teachingRooms, covered, classrooms, downMbps, upMbps, hasDesk, solved, late, ...school } = row;
  return {
    school,
    inputs: {
      fleet: hasFleet ? { teachingDevices: teachingDevices!, fleet: fleet!, underYears: underYears!, underWarranty: underWarranty!, interactiveDisplays: interactiveDisplays! } : undefined,
      rooms: hasRooms ? { teachingRooms: teachingRooms!, covered: covered!, classrooms: classrooms! } : undefined,
      link: downMbps === null ? undefined : { downMbps, upMbps },
      desk: hasDesk ? { solved: solved!, late: late! } : undefined,
    },
  };
}

/**
 * The Paris date of `now`, computed once an hour: Europe/Paris is a whole number of hours from UTC
 * (it changes at 01:00 UTC), so the date is the same all through a UTC hour. luxon's zone
 * arithmetic was a visible share of a request's CPU.
 */
function parisDay(now: Date): string {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (hour !== lastParisDay.hour) lastParisDay = { hour, day: parisDate(now) };
  return lastParisDay.day;
}
let lastParisDay = { hour: NaN, day: '' };
