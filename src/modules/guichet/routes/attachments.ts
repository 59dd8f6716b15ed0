import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { AppError } from '../../../server/platform/errors.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { readUpload } from '../../../server/platform/uploads.js';
import { maxAttachmentBytes } from '../../../server/platform/files/sniff-file.js';
import { sendAttachment } from '../../../server/platform/files/attachment.js';
import { addAttachment } from '../operations/add-attachment.js';
import { getAttachment } from '../operations/get-attachment.js';
import { ticketIdParams } from '../operations/get-ticket.js';

const attachmentSchema = z.object({
  id: z.string(),
  at: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  isPrivate: z.boolean(),
  authorLabel: z.string(),
});

export async function attachmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guichet'];

  app.post(
    '/tickets/:id/attachments',
    {
      schema: {
        operationId: 'addTicketAttachment',
        tags,
        summary: 'Joint un fichier (multipart : file, isPrivate) : PDF, PNG, JPEG, texte, CSV, DOCX, XLSX, 10 Mo au plus',
        description: 'Le type est reconnu au contenu du fichier (signature), pas au nom ni au type annoncé ; l’extension doit y correspondre.',
        consumes: ['multipart/form-data'],
        params: ticketIdParams,
        response: { 201: attachmentSchema, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'ticket.comment');
      // checked while it streams (a cut file is never taken for the whole one): 413 past 10 Mo
      const { bytes, filename, fields } = await readUpload(request, maxAttachmentBytes);
      const row = await addAttachment(ctx, { id: request.params.id, filename, bytes, isPrivate: fields.isPrivate === 'true' });
      return reply.status(201).send({
        id: row.id,
        at: row.at.toISOString(),
        filename: row.filename,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        isPrivate: row.isPrivate,
        authorLabel: row.authorLabel,
      });
    },
  );

  app.get(
    '/tickets/:id/attachments/:attachmentId',
    {
      schema: {
        operationId: 'downloadTicketAttachment',
        tags,
        summary: 'Télécharge une pièce jointe (toujours en téléchargement, jamais affichée dans la page)',
        params: ticketIdParams.extend({ attachmentId: z.uuid() }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { meta, bytes } = await getAttachment(ctxOf(fastify, request), { id: request.params.id, attachmentId: request.params.attachmentId });
      return sendAttachment(reply, { filename: meta.filename, contentType: meta.contentType, bytes });
    },
  );
}
