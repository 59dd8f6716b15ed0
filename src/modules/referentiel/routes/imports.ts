import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { AppError } from '../../../server/platform/errors.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { readUpload } from '../../../server/platform/uploads.js';
import { findImportRuns, getImportRunForActor } from '../operations/get-import-run-for-actor.js';
import { startEstablishmentImport } from '../operations/start-establishment-import.js';
import { importRunSchema, presentImportRun } from '../presenters/import.js';

export async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['référentiel'];
  const limit = fastify.config.uploadLimits?.establishmentImport ?? fastify.config.maxUploadBytes;

  app.post(
    '/imports/establishments',
    {
      schema: {
        operationId: 'importEstablishments',
        tags,
        summary: "Importe un fichier d'établissements (multipart : file, mode, includeNonSchools, preview, confirmOutOfScope)",
        description:
          "Formats acceptés : annuaire de l'éducation (CSV), adresse et géolocalisation (CSV), lycées (JSON). Les lignes hors de la compétence de la collectivité (types d'établissement, territoire) sont signalées et écartées, sauf si un administrateur les confirme (confirmOutOfScope=true). Avec preview=true, rien n'est écrit : le rapport compte ce que l'import ferait, avec les premières lignes de chaque issue. Répond 202 avec le suivi de l'import, à interroger sur GET /api/imports/{id} ; avec ?wait=true, attend la fin et répond 200 avec le rapport.",
        consumes: ['multipart/form-data'],
        querystring: z.object({ wait: z.enum(['true', 'false']).default('false') }),
        response: { 200: importRunSchema, 202: importRunSchema, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400], 422: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'establishment.import');
      // the whole file, its size checked while it streams: past the limit, a 413 and nothing read further
      const { bytes, filename, fields } = await readUpload(request, limit);
      const mode = fields.mode === 'apply-valid' ? 'apply-valid' : 'all-or-nothing';
      const { run, done } = await startEstablishmentImport(ctx, {
        bytes,
        filename,
        mode,
        includeNonSchools: fields.includeNonSchools === 'true',
        preview: fields.preview === 'true',
        confirmOutOfScope: fields.confirmOutOfScope === 'true',
      });
      if (request.query.wait === 'true') {
        const { refusal } = await done;
        if (refusal) throw refusal;
        return reply.status(200).send(presentImportRun(await getImportRunForActor(ctx, { id: run.id })));
      }
      return reply.status(202).send(presentImportRun(run));
    },
  );

  app.get(
    '/imports',
    { schema: { operationId: 'listImports', tags, summary: 'Derniers imports de la collectivité', response: { 200: z.object({ items: z.array(importRunSchema) }), ...errorResponses } } },
    async (request) => ({ items: (await findImportRuns(ctxOf(fastify, request), { limit: 50 })).map(presentImportRun) }),
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        operationId: 'getImport',
        tags,
        summary: "Avancement puis rapport ligne à ligne d'un import",
        params: z.object({ id: z.uuid() }),
        response: { 200: importRunSchema, ...errorResponses },
      },
    },
    async (request) => presentImportRun(await getImportRunForActor(ctxOf(fastify, request), request.params)),
  );
}
