import { sql } from 'drizzle-orm';
import { authorize, roleLabels, roles } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { staffFunctionLabels } from '../presenters/admin.js';
import { staffFunctions } from './assign-role.js';

/** What a role form offers: roles, school functions, and the organizations a role may be held for. */
export async function getRoleOptions(ctx: Ctx) {
  authorize(ctx.actor, 'user.read');
  const organizations = await rows<{ id: string; code: string; name: string; kind: string }>(
    ctx.db,
    sql`select o.tenant_id as id, o.code, o.name, o.kind from referentiel.organizations_view o
         where o.tenant_id = ${ctx.actor.tenantId}
            or o.tenant_id in (select p.partner_id from referentiel.partnerships_view p where p.tenant_id = ${ctx.actor.tenantId})
         order by (o.tenant_id = ${ctx.actor.tenantId}) desc, o.name`,
  );
  return {
    roles: roles.map((role) => ({ value: role, label: roleLabels[role] })),
    staffFunctions: staffFunctions.map((value) => ({ value, label: staffFunctionLabels[value] })),
    organizations,
  };
}
