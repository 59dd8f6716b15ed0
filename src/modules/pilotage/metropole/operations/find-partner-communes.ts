import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { rows } from '../../../../server/platform/db.js';
import { uuidArray } from '../../../../server/platform/prepared.js';
import { communeReader } from '../access.js';
import { communeMemberships } from '../db/schema.js';

/**
 * The Métropole's partner communes, with their answer when they gave one: the ones still to ask
 * appear too, so a manager records a first answer. A commune's account gets its own commune only.
 */
export async function findPartnerCommunes(ctx: Ctx) {
  const reader = communeReader(ctx);
  const { tenantId } = reader;
  const only = reader.all ? sql`true` : sql`o.tenant_id = any(${uuidArray(reader.communeIds)})`;
  return rows<{ communeId: string; name: string; inseeCode: string | null; status: string | null; cycleId: string | null; costSplit: string | null; version: number | null }>(
    ctx.db,
    sql`select o.tenant_id::text as "communeId", o.name, m.insee_code as "inseeCode", m.status, m.cycle_id::text as "cycleId", m.cost_split as "costSplit", m.version
          from referentiel.partnerships_view p
          join referentiel.organizations_view o on o.tenant_id = p.partner_id and o.kind = 'commune'
          left join ${communeMemberships} m on m.tenant_id = p.tenant_id and m.commune_id = p.partner_id
         where p.tenant_id = ${tenantId} and ${only}
         order by o.name`,
  );
}
