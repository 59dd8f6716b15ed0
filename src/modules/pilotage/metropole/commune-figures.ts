import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { textArray } from '../../../server/platform/prepared.js';

export interface CommuneSchool {
  id: string;
  uai: string;
  name: string;
  communeCode: string;
  pupils: number;
  devices: number;
}

/**
 * The écoles of some communes (by INSEE code, never by label) with their pupils and in-service
 * devices, read from the référentiel's and the fleet's published views.
 */
export function schoolsOfCommunes(ctx: Ctx, tenantId: string, inseeCodes: string[]): Promise<CommuneSchool[]> {
  if (inseeCodes.length === 0) return Promise.resolve([]);
  return rows<CommuneSchool>(
    ctx.db,
    sql`select e.id::text, e.uai, e.name, e.commune_code as "communeCode", coalesce(e.pupils, 0)::int as pupils,
               (select count(*) from parc.assets_view a
                 where a.tenant_id = e.tenant_id and a.establishment_id = e.id and a.status = 'in-service')::int as devices
          from referentiel.establishments_view e
         where e.tenant_id = ${tenantId} and e.commune_code = any(${textArray(inseeCodes)})
         order by e.name`,
  );
}
