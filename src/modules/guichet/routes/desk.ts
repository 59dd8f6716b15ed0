import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { loadDeskConfig } from '../desk-config.js';

/** What the ticket forms need: the categories to choose from and the teams to assign to. */
export async function deskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guichet'];

  app.get(
    '/desk/categories',
    {
      schema: {
        operationId: 'listTicketCategories',
        tags,
        summary: 'Catégories de tickets actives et l’organisation responsable de chacune',
        response: {
          200: z.object({
            items: z.array(z.object({ key: z.string(), label: z.string(), responsibleOrganization: z.object({ id: z.string(), name: z.string().nullable() }), hardware: z.boolean() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'ticket.read');
      const config = await loadDeskConfig(ctx, ctx.actor.tenantId);
      return {
        items: [...config.categories.values()]
          .filter((c) => c.active)
          .map((c) => ({
            key: c.key,
            label: c.label,
            responsibleOrganization: { id: c.responsibleOrganizationId, name: config.organizations.get(c.responsibleOrganizationId)?.name ?? null },
            hardware: c.hardware,
          })),
      };
    },
  );

  app.get(
    '/desk/teams',
    {
      schema: {
        operationId: 'listSupportTeams',
        tags,
        summary: 'Équipes de support actives : niveau, organisation, unités et catégories servies',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                level: z.number(),
                organization: z.object({ id: z.string(), name: z.string().nullable() }),
                unitIds: z.array(z.string()),
                categories: z.array(z.string()),
                triage: z.boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'ticket.private.read'); // the desk's own organisation: not for requesters
      const config = await loadDeskConfig(ctx, ctx.actor.tenantId);
      return {
        items: config.teams
          .filter((t) => t.active)
          .map((t) => ({
            id: t.id,
            name: t.name,
            level: t.level,
            organization: { id: t.organizationId, name: config.organizations.get(t.organizationId)?.name ?? null },
            unitIds: t.unitIds,
            categories: t.categories,
            triage: t.triage,
          })),
      };
    },
  );
}
