import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import { sendAttachment } from '../../../../server/platform/files/attachment.js';
import { maxDocumentBytes } from '../../documents/upload-document.js';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { readUpload } from '../../../../server/platform/uploads.js';
import { attachTaxNotice } from '../operations/attach-tax-notice.js';
import { exportOwnData } from '../operations/export-own-data.js';
import { findOwnAidFiles, getOwnAidFile, getOwnDocument } from '../operations/get-own-aid-files.js';
import { startAidFile, startAidFileParams } from '../operations/start-aid-file.js';
import { submitAidFile, versionInput } from '../operations/submit-aid-file.js';
import { updateAidFile, updateAidFileInput } from '../operations/update-aid-file.js';
import { documentSchema, familyFileSchema } from '../presenters.js';

const idParams = z.object({ id: z.uuid() });

/** A family's own files: every route is the family's, the others get 403 by the action. */
export async function familyFileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];
  const file = { 200: familyFileSchema, ...errorResponses };

  app.get(
    '/family/aid-files',
    { schema: { operationId: 'findOwnAidFiles', tags, summary: 'Les dossiers d’aide de la famille connectée', response: { 200: z.array(familyFileSchema), ...errorResponses } } },
    async (request) => findOwnAidFiles(ctxOf(fastify, request)),
  );

  app.post(
    '/family/campaigns/:code/aid-files',
    { schema: { operationId: 'startAidFile', tags, summary: 'Commence un dossier d’aide (brouillon) sur une campagne ouverte', params: startAidFileParams, response: { 201: familyFileSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { id } = await startAidFile(ctx, request.params);
      return reply.status(201).send(await getOwnAidFile(ctx, id));
    },
  );

  app.get(
    '/family/aid-files/:id',
    { schema: { operationId: 'getOwnAidFile', tags, summary: 'Un dossier de la famille : ce qu’elle a donné, l’aide, l’échéancier, ce qui manque', params: idParams, response: file } },
    async (request) => getOwnAidFile(ctxOf(fastify, request), request.params.id),
  );

  app.put(
    '/family/aid-files/:id',
    {
      schema: {
        operationId: 'updateAidFile',
        tags,
        summary: 'Remplit le dossier : élève, lycée (UAI), équipement, revenu fiscal de référence, échéances, assurance',
        description: 'Envoyer la version lue (409 si le dossier a changé). Modifiable en brouillon et déposé tant que l’instruction n’a pas commencé.',
        params: idParams,
        body: updateAidFileInput,
        response: file,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await updateAidFile(ctx, request.params.id, request.body);
      return getOwnAidFile(ctx, request.params.id);
    },
  );

  app.post(
    '/family/aid-files/:id/tax-notice',
    {
      schema: {
        operationId: 'attachTaxNotice',
        tags,
        summary: 'Joint l’avis d’imposition (multipart : file) : PDF, JPEG ou PNG reconnu au contenu, 20 Mo au plus, analysé par l’antivirus s’il est configuré',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: documentSchema, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400], 422: errorResponses[400], 503: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      // refused before the body is read: a school's staff never uploads into a family's file
      authorize(ctx.actor, 'family-aid.apply');
      const { bytes, filename } = await readUpload(request, maxDocumentBytes);
      return reply.status(201).send(await attachTaxNotice(ctx, request.params.id, { filename, bytes, clamd: fastify.config.campagnes?.clamd }));
    },
  );

  app.post(
    '/family/aid-files/:id/submit',
    {
      schema: {
        operationId: 'submitAidFile',
        tags,
        summary: 'Dépose le dossier complet (400 en nommant ce qui manque ; 409 après la clôture ou si la version a changé)',
        params: idParams,
        body: versionInput,
        response: file,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await submitAidFile(ctx, request.params.id, request.body);
      return getOwnAidFile(ctx, request.params.id);
    },
  );

  app.get(
    '/family/aid-files/:id/documents/:documentId',
    {
      schema: {
        operationId: 'downloadOwnAidDocument',
        tags,
        summary: 'Télécharge un document que la famille a donné (toujours en pièce jointe)',
        params: idParams.extend({ documentId: z.uuid() }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => sendAttachment(reply, await getOwnDocument(ctxOf(fastify, request), request.params.id, request.params.documentId)),
  );

  app.get(
    '/family/data-export',
    {
      schema: {
        operationId: 'exportOwnFamilyData',
        tags,
        summary: 'Tout ce que la famille a donné : une archive ZIP (donnees.json et chaque document joint)',
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => sendAttachment(reply, await exportOwnData(ctxOf(fastify, request))),
  );
}
