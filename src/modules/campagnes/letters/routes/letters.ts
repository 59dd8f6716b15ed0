import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { dossierSummarySchema, presentDossierSummary } from '../../presenters/dossiers.js';
import { campaignParams } from '../../routes/campaigns.js';
import { dossierParams } from '../../routes/dossiers.js';
import { decisionParam, editFileLetter, fileLetterInput, listTemplates, previewLetter, previewQuery, saveTemplate, saveTemplateInput } from '../operations/letter-templates.js';

const template = z.object({ decision: z.string(), body: z.string(), custom: z.boolean(), version: z.number() });

export async function letterRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];

  app.get(
    '/campaigns/:campaign/letter-templates',
    { schema: { operationId: 'listLetterTemplates', tags, summary: 'Les modèles de lettres de décision (accepté, refusé, classé sans suite) et les champs de fusion', params: campaignParams, response: { 200: z.object({ mergeFields: z.array(z.string()), items: z.array(template) }), ...errorResponses } } },
    async (request) => listTemplates(ctxOf(fastify, request), request.params.campaign),
  );

  app.put(
    '/campaigns/:campaign/letter-templates/:decision',
    {
      schema: {
        operationId: 'saveLetterTemplate',
        tags,
        summary: 'Enregistre le modèle d’une décision ; un champ de fusion inconnu est refusé (400)',
        params: campaignParams.extend({ decision: decisionParam }),
        body: saveTemplateInput,
        response: { 200: template, ...errorResponses },
      },
    },
    async (request) => {
      const row = await saveTemplate(ctxOf(fastify, request), { campaignId: request.params.campaign, decision: request.params.decision, body: request.body });
      return { decision: row.decision, body: row.body, custom: true, version: row.version };
    },
  );

  app.get(
    '/dossiers/:id/letter-preview',
    {
      schema: {
        operationId: 'previewDecisionLetter',
        tags,
        summary: 'La lettre qu’un dossier recevrait pour une décision, champs fusionnés',
        params: dossierParams,
        querystring: previewQuery,
        response: { 200: z.object({ decision: z.string(), edited: z.boolean(), template: z.string().nullable(), text: z.string() }), ...errorResponses },
      },
    },
    async (request) => previewLetter(ctxOf(fastify, request), { dossierId: request.params.id, decision: request.query.decision }),
  );

  app.put(
    '/dossiers/:id/letter',
    { schema: { operationId: 'editDossierLetter', tags, summary: 'Modifie la lettre de ce dossier avant la décision (null : revenir au modèle)', params: dossierParams, body: fileLetterInput, response: { 200: dossierSummarySchema, ...errorResponses } } },
    async (request) => presentDossierSummary(await editFileLetter(ctxOf(fastify, request), { dossierId: request.params.id, body: request.body })),
  );
}
