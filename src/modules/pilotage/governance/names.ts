import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';

/** The authority's name and its partners' (académie, communes, contractors), by organization id. */
export async function organizationNames(ctx: Ctx, tenantId: string): Promise<Map<string, string>> {
  const found = await rows<{ id: string; name: string }>(
    ctx.db,
    sql`select o.tenant_id::text as id, o.name from referentiel.organizations_view o
         where o.tenant_id = ${tenantId}
            or o.tenant_id in (select partner_id from referentiel.partnerships_view where tenant_id = ${tenantId})`,
  );
  return new Map(found.map((o) => [o.id, o.name]));
}
