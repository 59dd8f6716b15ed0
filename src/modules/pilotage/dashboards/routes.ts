import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { drillDown, drillExportInput, drillInput, exportDrillDown } from './drill-down.js';
import { steeringDashboard } from './cached-dashboard.js';
import { dashboardQueryInput } from './get-dashboard.js';
import { getDashboardOutlines, outlinesInput } from './outlines.js';
import { dashboardSchema, drillDownSchema, type DashboardView, outlinesSchema, presentDrillDown, presentOutlines } from './presenters.js';

/**
 * The steering dashboard of the caller's schools (an authority's estate, a head's school, an
 * académie's, a member commune's), the schools behind each figure, their export and the map's outlines.
 */
export async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['pilotage'];
  app.get(
    '/pilotage/dashboard',
    {
      schema: {
        operationId: 'getSteeringDashboard',
        tags,
        summary: 'Tableau de bord : atteinte des cibles par indicateur, équité territoriale, carte des écarts (calculé au plus 15 s plus tôt, « computedAt » ; fresh=true le recalcule)',
        querystring: dashboardQueryInput,
        response: { 200: dashboardSchema, ...errorResponses },
      },
    },
    // the cached bytes are the response: already checked against dashboardSchema, not written again
    async (request, reply) => {
      const { fresh, ...filters } = request.query;
      const bytes = await steeringDashboard(ctxOf(fastify, request), filters, { fresh: fresh === 'true' });
      // a Buffer is sent as it is (no serializer): the type provider only knows the schema's shape
      return reply.type('application/json; charset=utf-8').send(bytes as unknown as DashboardView);
    },
  );
  app.get(
    '/pilotage/dashboard/schools',
    {
      schema: {
        operationId: 'drillSteeringDashboard',
        tags,
        summary: 'Les établissements derrière un chiffre du tableau de bord (indicateur, statut, groupe d’équité, département)',
        querystring: drillInput,
        response: { 200: drillDownSchema, ...errorResponses },
      },
    },
    async (request) => presentDrillDown(await drillDown(ctxOf(fastify, request), request.query)),
  );
  app.get(
    '/pilotage/dashboard/export',
    {
      schema: {
        operationId: 'exportSteeringDashboard',
        tags,
        summary: 'Export CSV ou XLSX des établissements d’un chiffre du tableau de bord, avec chaque indicateur',
        querystring: drillExportInput,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportDrillDown(ctx, request.query), ctx.now());
    },
  );
  app.get(
    '/pilotage/dashboard/outlines',
    {
      schema: {
        operationId: 'getSteeringOutlines',
        tags,
        summary: 'Contours des départements des établissements du périmètre (carte sans serveur de tuiles)',
        querystring: outlinesInput,
        response: { 200: outlinesSchema, ...errorResponses },
      },
    },
    async (request) => presentOutlines(await getDashboardOutlines(ctxOf(fastify, request), request.query)),
  );
}
