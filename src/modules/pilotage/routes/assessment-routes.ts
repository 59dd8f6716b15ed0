import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { assessmentRecordsExportQuery, exportAssessmentRecords } from '../operations/export-assessment-records.js';
import { assessmentRecordsParams, getAssessmentRecords } from '../operations/get-assessment-records.js';
import { assessmentParams, getAssessment } from '../operations/get-assessment.js';
import { assessmentRecordsSchema, assessmentSchema, presentAssessment, presentAssessmentRecords } from '../presenters/assessment.js';

/** One school's live assessment against its target profile, and the records behind each figure. */
export async function assessmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['pilotage'];
  app.get(
    '/establishments/:uai/assessment',
    {
      schema: {
        operationId: 'getEstablishmentAssessment',
        tags,
        summary: 'Évaluation d’un établissement calculée à l’instant : valeur, cible, atteinte et écart de chaque indicateur',
        params: assessmentParams,
        response: { 200: assessmentSchema, ...errorResponses },
      },
    },
    async (request) => presentAssessment(await getAssessment(ctxOf(fastify, request), request.params)),
  );
  app.get(
    '/establishments/:uai/assessment/:code/records',
    {
      schema: {
        operationId: 'getEstablishmentAssessmentRecords',
        tags,
        summary: 'Enregistrements derrière un indicateur : salles sans Wi-Fi, postes trop anciens, hors garantie…',
        params: assessmentRecordsParams,
        response: { 200: assessmentRecordsSchema, ...errorResponses },
      },
    },
    async (request) => presentAssessmentRecords(await getAssessmentRecords(ctxOf(fastify, request), request.params)),
  );
  app.get(
    '/establishments/:uai/assessment/:code/records/export',
    {
      schema: {
        operationId: 'exportEstablishmentAssessmentRecords',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX des enregistrements derrière un indicateur d’un établissement',
        params: assessmentRecordsParams,
        querystring: assessmentRecordsExportQuery,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportAssessmentRecords(ctx, request.params), ctx.now());
    },
  );
}
