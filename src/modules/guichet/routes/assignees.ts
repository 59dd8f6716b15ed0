import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, can, roleLabels, type Actor, type Role } from '../../../server/platform/authz.js';
import { rows } from '../../../server/platform/db.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { uuidArray } from '../../../server/platform/prepared.js';

/** The roles whose holders work tickets: the people a ticket may be assigned to (see change-ticket-status.ts). */
const deskRoles = ['authority-admin', 'technician', 'academy-staff', 'contractor'] as const;
const maxAssignees = 1000;

const assigneeSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  organizationName: z.string().nullable(),
  roleLabels: z.array(z.string()),
});

/**
 * Organizations whose desk people the actor may list: the authority's own desk (administrators,
 * technicians) sees every desk person of the tenant; the Académie and a contractor only their own.
 * null = every organization.
 */
function visibleOrganizations(actor: Actor): string[] | null {
  const handling = actor.assignments.filter((a) => can({ ...actor, assignments: [a] }, 'ticket.handle'));
  if (handling.some((a) => a.role === 'authority-admin' || a.role === 'technician')) return null;
  return [...new Set(handling.map((a) => a.organizationId))];
}

export async function assigneeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/desk/assignees',
    {
      schema: {
        operationId: 'listTicketAssignees',
        tags: ['guichet'],
        summary: 'Personnes du guichet à qui attribuer un ticket (administrateurs, techniciens, Académie, prestataires)',
        description: "L'Académie et un prestataire ne voient que les personnes de leur organisation.",
        response: { 200: z.object({ items: z.array(assigneeSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'ticket.handle');
      const orgs = visibleOrganizations(ctx.actor);
      if (orgs !== null && orgs.length === 0) return { items: [] };
      const orgFilter = orgs === null ? sql`` : sql`and r.organization_id = any(${uuidArray(orgs)})`;
      const found = await rows<{ id: string; displayName: string; organizationName: string | null; roles: Role[] }>(
        ctx.db,
        sql`select u.id, u.display_name as "displayName", min(o.name) as "organizationName", array_agg(distinct r.role) as roles
              from access.role_assignments_view r
              join access.users_view u on u.id = r.user_id and u.active
              left join referentiel.organizations_view o on o.tenant_id = r.organization_id
             where r.tenant_id = ${ctx.actor.tenantId}
               and r.role in (${sql.join(deskRoles.map((role) => sql`${role}`), sql`, `)})
               ${orgFilter}
             group by u.id, u.display_name
             order by u.display_name
             limit ${maxAssignees}`,
      );
      return {
        items: found.map((p) => ({ id: p.id, displayName: p.displayName, organizationName: p.organizationName, roleLabels: p.roles.map((r) => roleLabels[r] ?? r) })),
      };
    },
  );
}
