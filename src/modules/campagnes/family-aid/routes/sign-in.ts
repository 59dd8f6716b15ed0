import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses, sessionCookie, tenantCookie } from '../../../../server/platform/http.js';
import { sessionCookieOptions } from '../../../access/index.js';
import { aidSimulationParams } from '../operations/simulate-aid.js';
import { authorityParams, familySignInInput, linkMinutes, requestSignInLink, signInLinkInput, signInWithLink } from '../operations/sign-in-link.js';

export async function signInRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];

  app.post(
    '/authorities/:authority/campaigns/:code/family-sign-in-link',
    {
      schema: {
        operationId: 'requestFamilySignInLink',
        tags,
        summary: 'Envoie à une famille un lien de connexion à usage unique (30 minutes), sans mot de passe',
        security: [],
        params: aidSimulationParams,
        body: signInLinkInput,
        response: { 202: z.object({ sent: z.literal(true), validMinutes: z.number() }), ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { token, email, campaign } = await requestSignInLink(ctx, request.params, request.body);
      const url = `${fastify.config.publicUrl}/famille/${encodeURIComponent(request.params.authority)}/connexion#jeton=${token}`;
      await fastify.familyMailer.send({
        to: email,
        subject: `${campaign.title} : votre lien de connexion`,
        text: `Bonjour,\n\nPour suivre votre demande, ouvrez ce lien dans les ${linkMinutes} minutes (il ne sert qu’une fois) :\n${url}\n\nSi vous n’avez rien demandé, ignorez ce message.`,
      });
      return reply.status(202).send({ sent: true, validMinutes: linkMinutes });
    },
  );

  app.post(
    '/authorities/:authority/family-sign-in',
    {
      schema: {
        operationId: 'signInFamilyWithLink',
        tags,
        summary: 'Connecte une famille par le jeton de son lien (pose le cookie de session)',
        security: [],
        params: authorityParams,
        body: familySignInInput,
        response: { 200: z.object({ userId: z.uuid(), email: z.string(), tenant: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { sessionToken, expiresAt, user, tenantCode } = await signInWithLink(ctx, request.params, request.body);
      const options = sessionCookieOptions(fastify.config);
      reply.setCookie(sessionCookie, sessionToken, { ...options, expires: expiresAt });
      reply.setCookie(tenantCookie, tenantCode, { ...options, httpOnly: false });
      return { userId: user.id, email: user.email, tenant: tenantCode };
    },
  );
}
