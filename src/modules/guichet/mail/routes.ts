import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { getMailSettings, mailSettingsInput, setMailSettings } from './mail-settings.js';

const settingsSchema = z.object({ inboundAddress: z.string().nullable() });

/** The desk's e-mail address (desk settings). */
export async function mailSettingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guichet'];
  app.get(
    '/desk/mail',
    { schema: { operationId: 'getDeskMailSettings', tags, summary: 'Adresse électronique du guichet (un courriel reçu ouvre un ticket)', response: { 200: settingsSchema, ...errorResponses } } },
    async (request) => getMailSettings(ctxOf(fastify, request)),
  );
  app.put(
    '/desk/mail',
    {
      schema: {
        operationId: 'setDeskMailSettings',
        tags,
        summary: 'Changer l’adresse électronique du guichet',
        body: mailSettingsInput,
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => setMailSettings(ctxOf(fastify, request), request.body),
  );
}
