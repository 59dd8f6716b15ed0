import { sql } from 'drizzle-orm';
import type { Actor, Role } from '../../../server/platform/authz.js';
import { rows, type Db } from '../../../server/platform/db.js';
import { expandUnits } from '../../access/index.js';

/**
 * The person a mail comes from, as an actor of the desk's tenant: the same rights as on the web,
 * so a mail can do exactly what its sender could do signed in (open a ticket at their school,
 * comment a ticket they see). Null: nobody active with that address has a role in the tenant.
 */
export async function senderActor(db: Db, tenantId: string, email: string): Promise<(Actor & { email: string }) | null> {
  const found = await rows<{
    userId: string;
    displayName: string;
    email: string;
    tenantCode: string;
    id: string;
    role: Role;
    organizationId: string;
    organizationCode: string;
    establishmentId: string | null;
    unitIds: string[];
    level: number | null;
    academyCode: string | null;
  }>(
    db,
    sql`select u.id as "userId", u.display_name as "displayName", u.email, t.code as "tenantCode",
               a.id, a.role, o.tenant_id as "organizationId", o.code as "organizationCode",
               a.establishment_id as "establishmentId", a.unit_ids as "unitIds", a.level, o.academy_code as "academyCode"
          from access.users_view u
          join access.role_assignments_view a on a.user_id = u.id and a.tenant_id = ${tenantId}
          join referentiel.organizations_view o on o.tenant_id = a.organization_id
          join referentiel.organizations_view t on t.tenant_id = a.tenant_id
         where lower(u.email) = ${email.trim().toLowerCase()} and u.active`,
  );
  if (found.length === 0) return null;
  const first = found[0];
  const assignments = await expandUnits(
    db,
    tenantId,
    found.map((a) => ({
      id: a.id,
      role: a.role,
      organizationId: a.organizationId,
      organizationCode: a.organizationCode,
      establishmentId: a.establishmentId,
      unitIds: a.unitIds ?? [],
      level: a.level,
      academyCode: a.academyCode,
    })),
  );
  return { kind: 'user', id: first.userId, label: first.displayName, tenantId, tenantCode: first.tenantCode, assignments, email: first.email };
}
