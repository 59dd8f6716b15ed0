import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { establishmentContext } from '../db/schema.js';

export type EstablishmentKind = 'lycee' | 'college' | 'ecole' | 'autre';

/** What the steering knows of a school: the référentiel's record and the steering's own context. */
export interface SteeringSchool {
  id: string;
  uai: string;
  name: string;
  kind: EstablishmentKind;
  pupils: number | null;
  /** The pupils come from the steering's estimate, the open data having none. */
  pupilsEstimated: boolean;
  sector: string;
  academyCode: string | null;
  departmentCode: string | null;
  communeName: string | null;
  unitId: string | null;
  unitName: string | null;
  latitude: number | null;
  longitude: number | null;
  priorityEducation: string | null;
  ipsGeneral: number | null;
  ipsVocational: number | null;
  rural: boolean | null;
  entOpen: boolean | null;
  resourceLicences: number | null;
}

/** The family of a nature code, as the référentiel's competence rules read it. */
export const kindSql = sql`case when e.nature_code ~ '^1[0-9][0-9]$' then 'ecole'
  when e.nature_code in ('340', '349', '350', '352') then 'college'
  when e.nature_code ~ '^3[0-3][0-9]$' or e.nature_code = '400' then 'lycee' else 'autre' end`;

/**
 * The open schools of a tenant the actor reaches (`scope`, SQL over the view aliased `referentiel.establishments_view`),
 * narrowed to some ids or one UAI when given.
 */
export function steeringSchoolsSql(tenantId: string, scope: SQL, filter: { ids?: readonly string[] | null; uai?: string } = {}): SQL {
  const only = filter.uai ? sql`and e.uai = ${filter.uai}` : filter.ids ? sql`and e.id = any(${uuidArray(filter.ids)})` : sql``;
  const c = establishmentContext;
  return sql`select e.id, e.uai, e.name, ${kindSql} as kind, coalesce(e.pupils, ctx.pupils_estimate) as pupils,
               (e.pupils is null and ctx.pupils_estimate is not null) as "pupilsEstimated", e.sector,
               e.academy_code as "academyCode", e.department_code as "departmentCode", e.commune_name as "communeName",
               e.unit_id as "unitId", u.name as "unitName", e.latitude, e.longitude, e.priority_education as "priorityEducation",
               ctx.ips_general as "ipsGeneral", ctx.ips_vocational as "ipsVocational", ctx.rural, ctx.ent_open as "entOpen",
               ctx.resource_licences as "resourceLicences"
          from (select * from referentiel.establishments_view
                 where referentiel.establishments_view.tenant_id = ${tenantId} and referentiel.establishments_view.is_open and ${scope}) e
          left join referentiel.territorial_units_view u on u.tenant_id = e.tenant_id and u.id = e.unit_id
          left join ${c} ctx on ctx.tenant_id = e.tenant_id and ctx.establishment_id = e.id
         where true ${only}
         order by e.uai`;
}

export function steeringSchools(db: Db, tenantId: string, scope: SQL, filter: { ids?: readonly string[] | null; uai?: string } = {}): Promise<SteeringSchool[]> {
  return rows<SteeringSchool>(db, steeringSchoolsSql(tenantId, scope, filter));
}
