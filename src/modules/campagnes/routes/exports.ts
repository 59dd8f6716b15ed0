import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { dossiersExportInput, exportDossiers } from '../exports/export-dossiers.js';
import { campaignParams } from './campaigns.js';

/** The header giving the number of files in an export, so the download shows its progress. */
export const exportRowsHeader = 'x-export-rows';

export async function exportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/campaigns/:campaign/dossiers/export',
    {
      schema: {
        operationId: 'exportDossiers',
        tags: ['campagnes'],
        summary: 'Les dossiers visibles (filtres de la liste), une colonne par réponse de toutes les versions du formulaire, en CSV (UTF-8 avec BOM, « ; ») ou XLSX ; données personnelles réservées aux instructeurs de la campagne',
        params: campaignParams,
        querystring: dossiersExportInput,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filter } = request.query;
      const source = await exportDossiers(ctx, { campaignId: request.params.campaign, filter });
      reply.header(exportRowsHeader, String(source.total));
      reply.header('access-control-expose-headers', exportRowsHeader);
      return sendExport(reply, format, source, ctx.now());
    },
  );
}
