import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { rows } from '../../../../server/platform/db.js';
import { governanceActor } from '../access.js';

/** The organizations a member may sit for and an agreement may bind: the authority first, then its partners by name. */
export async function findGovernancePartners(ctx: Ctx) {
  const actor = governanceActor(ctx, 'governance.read');
  const tenantId = actor.tenantId;
  return rows<{ id: string; name: string; kind: string; self: boolean }>(
    ctx.db,
    sql`select o.tenant_id::text as id, o.name, o.kind, o.tenant_id = ${tenantId} as self from referentiel.organizations_view o
         where o.tenant_id = ${tenantId}
            or o.tenant_id in (select partner_id from referentiel.partnerships_view where tenant_id = ${tenantId})
         order by o.tenant_id = ${tenantId} desc, o.name`,
  );
}
