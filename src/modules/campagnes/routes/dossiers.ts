import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendAttachment } from '../../../server/platform/files/attachment.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { readUpload } from '../../../server/platform/uploads.js';
import { maxDocumentBytes, readDocument, uploadDocument } from '../documents/upload-document.js';
import { bulkDossiers, bulkInput } from '../operations/bulk-dossiers.js';
import { answersInput, correctionInput, decisionInput, reopenDossierInput, startDossierInput, versionInput } from '../operations/dossier-input.js';
import { findDossiers, findDossiersQuery } from '../operations/find-dossiers.js';
import { hiddenApplicantLabel, seesPersonalData } from '../family-aid/personal-data.js';
import { getDossier } from '../operations/get-dossier.js';
import { decideDossier, reopenDossier, requestCorrection, startReview } from '../operations/instruct-dossier.js';
import { addNote, messageInput, noteInput, postMessage } from '../operations/messages-notes.js';
import { giveOpinion, giveOpinionInput, requestOpinions, requestOpinionsInput } from '../operations/opinions.js';
import { saveAnnotations, saveAnswers, submitDossier } from '../operations/save-answers.js';
import { startDossier } from '../operations/start-dossier.js';
import { dossierDetailSchema, dossierSummarySchema, presentDossierSummary } from '../presenters/dossiers.js';
import { campaignParams } from './campaigns.js';

import type { FamilyOidcSettings } from '../family-aid/family-oidc-settings.js';

export const dossierParams = z.object({ id: z.string().uuid() });

declare module '../../../server/platform/module.js' {
  interface ModuleSettings {
    /**
     * Campaigns: the clamd scanner (host:port) documents pass before they are stored; the
     * families' identity provider of each authority (by its code, upper case).
     */
    campagnes: { clamd?: string; familyOidc?: Record<string, FamilyOidcSettings> };
  }
}

export async function dossierRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];
  const detail = { 200: dossierDetailSchema, ...errorResponses };

  app.get(
    '/campaigns/:campaign/dossiers',
    {
      schema: {
        operationId: 'listDossiers',
        tags,
        summary: 'Les dossiers de la campagne visibles, une page (filtres : état, groupe, établissement, numéro ou nom)',
        params: campaignParams,
        querystring: findDossiersQuery,
        response: { 200: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(dossierSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { total, rows, campaign, standing } = await findDossiers(ctx, { campaignId: request.params.campaign, query: request.query });
      const viewer = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
      const shown = (d: (typeof rows)[number]) => seesPersonalData(campaign, { instructor: standing.instructor, applicant: d.applicantUserId !== null && d.applicantUserId === viewer });
      return { total, page: request.query.page, pageSize: request.query.pageSize, items: rows.map((d) => presentDossierSummary(shown(d) ? d : { ...d, applicantLabel: hiddenApplicantLabel })) };
    },
  );

  app.post(
    '/campaigns/:campaign/dossiers',
    { schema: { operationId: 'startDossier', tags, summary: 'Commence un dossier (brouillon) pour son établissement, sur la version publiée du formulaire', params: campaignParams, body: startDossierInput, response: { 201: dossierDetailSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const dossier = await startDossier(ctx, { campaignId: request.params.campaign, body: request.body });
      return reply.status(201).send(await getDossier(ctx, dossier.id));
    },
  );

  app.post(
    '/campaigns/:campaign/dossiers/bulk',
    {
      schema: {
        operationId: 'bulkDossiers',
        tags,
        summary: 'Action groupée sur 500 dossiers au plus (choisis ou par filtre) : tout ou rien',
        params: campaignParams,
        body: bulkInput,
        response: { 200: z.object({ count: z.number(), ids: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (request) => bulkDossiers(ctxOf(fastify, request), { campaignId: request.params.campaign, body: request.body }),
  );

  app.get('/dossiers/:id', { schema: { operationId: 'getDossier', tags, summary: 'Un dossier : réponses, historique, messages, avis (selon le rôle)', params: dossierParams, response: detail } }, async (request) =>
    getDossier(ctxOf(fastify, request), request.params.id),
  );

  const after = async (request: { params: { id: string } } & Parameters<typeof ctxOf>[1], work: () => Promise<unknown>) => {
    await work();
    return getDossier(ctxOf(fastify, request), request.params.id);
  };

  app.put(
    '/dossiers/:id/answers',
    { schema: { operationId: 'saveDossierAnswers', tags, summary: 'Enregistre les réponses (brouillon, ou en construction jusqu’à l’instruction)', params: dossierParams, body: answersInput, response: detail } },
    async (request) => after(request, () => saveAnswers(ctxOf(fastify, request), { id: request.params.id, changes: request.body })),
  );

  app.post(
    '/dossiers/:id/submission',
    {
      schema: {
        operationId: 'submitDossier',
        tags,
        summary: 'Dépose (ou redépose après correction) : campagne ouverte, champs obligatoires affichés remplis et valides',
        params: dossierParams,
        body: versionInput.extend({ answers: z.record(z.string(), z.unknown()).optional() }),
        response: detail,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const submitted = await submitDossier(ctx, { id: request.params.id, changes: request.body });
      return getDossier(ctx, request.params.id, submitted);
    },
  );

  app.put(
    '/dossiers/:id/annotations',
    { schema: { operationId: 'saveDossierAnnotations', tags, summary: 'Annotations privées des instructeurs', params: dossierParams, body: answersInput, response: detail } },
    async (request) => after(request, () => saveAnnotations(ctxOf(fastify, request), { id: request.params.id, changes: request.body })),
  );

  app.post(
    '/dossiers/:id/review',
    { schema: { operationId: 'startDossierReview', tags, summary: 'Passe le dossier en instruction', params: dossierParams, body: versionInput, response: detail } },
    async (request) => after(request, () => startReview(ctxOf(fastify, request), { id: request.params.id, version: request.body.version })),
  );

  app.post(
    '/dossiers/:id/decision',
    { schema: { operationId: 'decideDossier', tags, summary: 'Accepte, refuse ou classe sans suite, avec la lettre de décision (PDF gardé au dossier)', params: dossierParams, body: decisionInput, response: detail } },
    async (request) => after(request, () => decideDossier(ctxOf(fastify, request), { id: request.params.id, changes: request.body })),
  );

  app.post(
    '/dossiers/:id/correction',
    { schema: { operationId: 'requestDossierCorrection', tags, summary: 'Renvoie le dossier au demandeur pour correction (incorrect, incomplet, périmé)', params: dossierParams, body: correctionInput, response: detail } },
    async (request) => after(request, () => requestCorrection(ctxOf(fastify, request), { id: request.params.id, changes: request.body })),
  );

  app.post(
    '/dossiers/:id/reopening',
    { schema: { operationId: 'reopenDossier', tags, summary: 'Rouvre un dossier décidé, avec le motif', params: dossierParams, body: reopenDossierInput, response: detail } },
    async (request) => after(request, () => reopenDossier(ctxOf(fastify, request), { id: request.params.id, reason: request.body.reason, version: request.body.version })),
  );

  app.post(
    '/dossiers/:id/messages',
    { schema: { operationId: 'postDossierMessage', tags, summary: 'Message entre le demandeur et les instructeurs (pièces jointes déposées avant)', params: dossierParams, body: messageInput, response: detail } },
    async (request) => after(request, () => postMessage(ctxOf(fastify, request), { dossierId: request.params.id, message: request.body })),
  );

  app.post(
    '/dossiers/:id/notes',
    { schema: { operationId: 'addDossierNote', tags, summary: 'Note privée des instructeurs', params: dossierParams, body: noteInput, response: detail } },
    async (request) => after(request, () => addNote(ctxOf(fastify, request), { dossierId: request.params.id, body: request.body.body })),
  );

  app.post(
    '/dossiers/:id/opinion-requests',
    { schema: { operationId: 'requestDossierOpinions', tags, summary: 'Demande l’avis d’experts (toute personne ayant un compte)', params: dossierParams, body: requestOpinionsInput, response: detail } },
    async (request) => after(request, () => requestOpinions(ctxOf(fastify, request), { dossierId: request.params.id, request: request.body })),
  );

  app.put(
    '/dossiers/:id/my-opinion',
    { schema: { operationId: 'giveDossierOpinion', tags, summary: 'L’expert donne son avis (ou déclare un conflit d’intérêts, qui le retire du dossier)', params: dossierParams, body: giveOpinionInput, response: { 200: z.object({ status: z.string() }), ...errorResponses } } },
    async (request) => {
      const opinion = await giveOpinion(ctxOf(fastify, request), { dossierId: request.params.id, opinion: request.body });
      return { status: opinion.status };
    },
  );

  app.post(
    '/dossiers/:id/documents',
    {
      schema: {
        operationId: 'uploadDossierDocument',
        tags,
        summary: 'Dépose une pièce (champ « file », « fieldKey » pour une réponse ou purpose=message) : type vérifié au contenu, taille par champ, antivirus',
        params: dossierParams,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number() }), 413: errorResponses[400], 415: errorResponses[400], 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, maxDocumentBytes);
      const doc = await uploadDocument(ctxOf(fastify, request), {
        dossierId: request.params.id,
        purpose: upload.fields.purpose === 'message' ? 'message' : 'answer',
        fieldKey: upload.fields.fieldKey,
        filename: upload.filename,
        bytes: upload.bytes,
        clamd: fastify.config.campagnes?.clamd,
      });
      return reply.status(201).send({ id: doc.id, filename: doc.filename, contentType: doc.contentType, sizeBytes: doc.sizeBytes });
    },
  );

  app.get(
    '/dossiers/:id/documents/:documentId',
    { schema: { operationId: 'downloadDossierDocument', tags, summary: 'Télécharge une pièce (toujours en pièce jointe, nosniff)', params: dossierParams.extend({ documentId: z.string().uuid() }), response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      const { meta, bytes } = await readDocument(ctxOf(fastify, request), { dossierId: request.params.id, documentId: request.params.documentId });
      return sendAttachment(reply, { filename: meta.filename, contentType: meta.contentType, bytes });
    },
  );
}
