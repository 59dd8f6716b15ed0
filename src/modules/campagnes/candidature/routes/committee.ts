import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendAttachment } from '../../../../server/platform/files/attachment.js';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { dossierSummarySchema, presentDossierSummary } from '../../presenters/dossiers.js';
import { campaignParams } from '../../routes/campaigns.js';
import type { committeeSessions } from '../db/schema.js';
import {
  closeSession,
  createSession,
  createSessionInput,
  decideInSession,
  listSessions,
  minutesInput,
  minutesPdf,
  saveMinutes,
  sessionDecisionInput,
  sessionDetail,
  sessionVersionInput,
} from '../operations/committee.js';

const sessionParams = z.object({ id: z.string().uuid() });
const sessionSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  title: z.string(),
  heldOn: z.string(),
  participants: z.array(z.object({ organizationId: z.string(), organizationName: z.string(), name: z.string() })),
  minutes: z.string(),
  status: z.enum(['open', 'closed']),
  createdByLabel: z.string(),
  closedAt: z.string().nullable(),
  closedByLabel: z.string().nullable(),
  version: z.number(),
});
const decisionSchema = z.object({ dossierId: z.string(), number: z.number(), applicantLabel: z.string(), score: z.number().nullable(), decision: z.string(), comment: z.string(), at: z.string(), decidedByLabel: z.string() });

const present = (s: typeof committeeSessions.$inferSelect) => ({
  id: s.id,
  campaignId: s.campaignId,
  title: s.title,
  heldOn: s.heldOn,
  participants: s.members,
  minutes: s.minutes,
  status: s.closedAt ? ('closed' as const) : ('open' as const),
  createdByLabel: s.createdByLabel,
  closedAt: s.closedAt?.toISOString() ?? null,
  closedByLabel: s.closedByLabel,
  version: s.version,
});

export async function committeeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];
  const one = { 200: sessionSchema, ...errorResponses };

  app.get(
    '/campaigns/:campaign/committee-sessions',
    {
      schema: {
        operationId: 'listCommitteeSessions',
        tags,
        summary: 'Les séances du comité d’un appel à candidatures, et les organisations qui y siègent (Région, académies, DRAAF)',
        params: campaignParams,
        response: { 200: z.object({ items: z.array(sessionSchema), organizations: z.array(z.object({ id: z.string(), name: z.string() })) }), ...errorResponses },
      },
    },
    async (request) => {
      const { sessions, organizations } = await listSessions(ctxOf(fastify, request), request.params.campaign);
      return { items: sessions.map(present), organizations };
    },
  );

  app.post(
    '/campaigns/:campaign/committee-sessions',
    { schema: { operationId: 'createCommitteeSession', tags, summary: 'Ouvre une séance du comité : date et participants de la Région et des partenaires', params: campaignParams, body: createSessionInput, response: { 201: sessionSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(present(await createSession(ctxOf(fastify, request), { campaignId: request.params.campaign, body: request.body }))),
  );

  app.get(
    '/committee-sessions/:id',
    { schema: { operationId: 'getCommitteeSession', tags, summary: 'Une séance : participants, décisions conjointes, procès-verbal', params: sessionParams, response: { 200: sessionSchema.extend({ decisions: z.array(decisionSchema) }), ...errorResponses } } },
    async (request) => {
      const { session, decisions } = await sessionDetail(ctxOf(fastify, request), request.params.id);
      return { ...present(session), decisions: decisions.map((d) => ({ ...d, at: d.at.toISOString() })) };
    },
  );

  app.post(
    '/committee-sessions/:id/decisions',
    {
      schema: {
        operationId: 'decideInCommittee',
        tags,
        summary: 'La décision conjointe du comité sur un dossier (acceptation, refus, classement), avec sa lettre ; 409 si la séance est close',
        params: sessionParams,
        body: sessionDecisionInput,
        response: { 200: dossierSummarySchema, ...errorResponses },
      },
    },
    async (request) => presentDossierSummary(await decideInSession(ctxOf(fastify, request), { sessionId: request.params.id, body: request.body })),
  );

  app.put(
    '/committee-sessions/:id/minutes',
    { schema: { operationId: 'saveCommitteeMinutes', tags, summary: 'Le procès-verbal de la séance (version lue : 409 si elle a changé ou si la séance est close)', params: sessionParams, body: minutesInput, response: one } },
    async (request) => present(await saveMinutes(ctxOf(fastify, request), { sessionId: request.params.id, body: request.body })),
  );

  app.post(
    '/committee-sessions/:id/closing',
    { schema: { operationId: 'closeCommitteeSession', tags, summary: 'Clôt la séance : ses décisions et son procès-verbal ne changent plus', params: sessionParams, body: sessionVersionInput, response: one } },
    async (request) => present(await closeSession(ctxOf(fastify, request), { sessionId: request.params.id, version: request.body.version })),
  );

  app.get(
    '/committee-sessions/:id/minutes.pdf',
    { schema: { operationId: 'downloadCommitteeMinutes', tags, summary: 'Le procès-verbal en PDF (pièce jointe)', params: sessionParams, response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      const { filename, bytes } = await minutesPdf(ctxOf(fastify, request), request.params.id);
      return sendAttachment(reply, { filename, contentType: 'application/pdf', bytes });
    },
  );
}
