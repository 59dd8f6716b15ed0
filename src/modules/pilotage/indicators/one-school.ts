import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { runStatement } from '../../../server/platform/prepared.js';
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

/**
 * One school of the actor's scope (by UAI) and everything its assessment is made of, in one
 * statement: the school, then its fleet, rooms, link and desk figures joined laterally, each written
 * by the module that owns it (the same SQL as the grouped pass of assessSchools, narrowed to one
 * school). One round trip, prepared once per connection, instead of five statements planned each
 * time. Null when the school is not in scope.
 */
export async function oneSchoolWithInputs(db: Db, tenantId: string, scope: SQL, uai: string, now: Date): Promise<{ school: SteeringSchool; inputs: Inputs } | null> {
  const id = sql`s.id`;
  const [row] = await runStatement<Row>(
    db,
    sql`select s.*, f."establishmentId" is not null as "hasFleet", f."teachingDevices", f.fleet, f."underYears", f."underWarranty", f."interactiveDisplays",
               w."establishmentId" is not null as "hasRooms", w."teachingRooms", w.covered, w.classrooms,
               l."downMbps", l."upMbps", d."establishmentId" is not null as "hasDesk", d.solved, d.late
          from (${steeringSchoolsSql(tenantId, scope, { uai })}) s
          left join lateral (${fleetFiguresSql(tenantId, id, parisDate(now))}) f on true
          left join lateral (${wifiCoverageSql(tenantId, id, teachingRoomKinds)}) w on true
          left join lateral (${currentSiteLinkSql(tenantId, id, now)}) l on true
          left join lateral (${deskAgreementSql(tenantId, id, deskSince(now))}) d on true`,
    'pilotage_one_school',
  );
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
