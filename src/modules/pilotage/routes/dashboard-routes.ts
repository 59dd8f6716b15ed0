import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { dashboardExportInput, dashboardInput, exportSteeringDashboard, getSteeringDashboard } from '../operations/get-steering-dashboard.js';
import { dashboardSchema, presentDashboard } from '../presenters/dashboard.js';

/** The steering dashboard of the caller's schools (an authority's estate, a head's school, an académie's) and its export. */
export async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['pilotage'];
  app.get(
    '/pilotage/dashboard',
    {
      schema: {
        operationId: 'getSteeringDashboard',
        tags,
        summary: 'Tableau de bord : atteinte des cibles par indicateur, équité territoriale, carte des écarts',
        querystring: dashboardInput,
        response: { 200: dashboardSchema, ...errorResponses },
      },
    },
    async (request) => presentDashboard(await getSteeringDashboard(ctxOf(fastify, request), request.query)),
  );
  app.get(
    '/pilotage/dashboard/export',
    { schema: { operationId: 'exportSteeringDashboard', tags, summary: 'Export CSV ou XLSX des écarts de chaque établissement', querystring: dashboardExportInput } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportSteeringDashboard(ctx, request.query), ctx.now());
    },
  );
}
