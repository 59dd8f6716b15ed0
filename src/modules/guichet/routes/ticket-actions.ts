import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { addFollowup, addFollowupInput } from '../operations/add-followup.js';
import { addTask, addTaskInput } from '../operations/add-task.js';
import { answerSolution, answerSolutionInput } from '../operations/answer-solution.js';
import { changeTicketStatus, changeTicketStatusInput } from '../operations/change-ticket-status.js';
import { escalateTicket, escalateTicketInput } from '../operations/escalate-ticket.js';
import { ticketDetail, ticketIdParams } from '../operations/get-ticket.js';
import { linkMajorIncident, linkMajorIncidentInput } from '../operations/link-major-incident.js';
import { qualifyTicket, qualifyTicketInput } from '../operations/qualify-ticket.js';
import { rateTicket, rateTicketInput } from '../operations/rate-ticket.js';
import { setProblemFlag, setProblemFlagInput } from '../operations/set-problem-flag.js';
import { presentTicketDetail, ticketDetailSchema } from '../presenters/tickets.js';
import { loadTicket } from '../ticket-store.js';

/** The ticket after the actor's change, as GET /tickets/{id} shows it (even if the change took it out of their scope). */
async function fresh(ctx: Ctx, id: string) {
  const detail = await ticketDetail(ctx, await loadTicket(ctx, id, { afterOwnChange: true }));
  return presentTicketDetail(detail, ctx.actor!, ctx.now());
}

export async function ticketActionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guichet'];
  const changed = { 200: ticketDetailSchema, ...errorResponses };

  app.post(
    '/tickets/:id/status',
    {
      schema: {
        operationId: 'changeTicketStatus',
        tags,
        summary: 'Change le statut : attribuer, planifier, démarrer, mettre en attente, résoudre, clore, rouvrir',
        description:
          "Envoyer la version lue (409 si le ticket a changé entre-temps). Attendre le demandeur publie la question en suivi public et met le délai de résolution en pause ; résoudre un incident majeur résout les tickets rattachés et prévient chaque demandeur.",
        params: ticketIdParams,
        body: changeTicketStatusInput,
        response: changed,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await changeTicketStatus(ctx, { id: request.params.id, changes: request.body });
      return fresh(ctx, request.params.id);
    },
  );

  app.post(
    '/tickets/:id/qualification',
    {
      schema: {
        operationId: 'qualifyTicket',
        tags,
        summary: 'Qualifie : catégorie (nouveau routage), urgence, impact, incident majeur',
        params: ticketIdParams,
        body: qualifyTicketInput,
        response: changed,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await qualifyTicket(ctx, { id: request.params.id, changes: request.body });
      return fresh(ctx, request.params.id);
    },
  );

  app.post(
    '/tickets/:id/escalation',
    {
      schema: {
        operationId: 'escalateTicket',
        tags,
        summary: 'Escalade (up) ou désescalade (down) avec motif, gardé dans l’historique',
        params: ticketIdParams,
        body: escalateTicketInput,
        response: changed,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await escalateTicket(ctx, { id: request.params.id, changes: request.body });
      return fresh(ctx, request.params.id);
    },
  );

  app.post(
    '/tickets/:id/followups',
    {
      schema: {
        operationId: 'addTicketFollowup',
        tags,
        summary: 'Ajoute un suivi public, ou privé (guichet seulement, jamais montré au demandeur)',
        params: ticketIdParams,
        body: addFollowupInput,
        response: {
          201: z.object({ id: z.string(), at: z.string(), authorLabel: z.string(), isPrivate: z.boolean(), body: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const row = await addFollowup(ctxOf(fastify, request), { id: request.params.id, followup: request.body });
      return reply.status(201).send({ id: row.id, at: row.at.toISOString(), authorLabel: row.authorLabel, isPrivate: row.isPrivate, body: row.body });
    },
  );

  app.post(
    '/tickets/:id/tasks',
    {
      schema: {
        operationId: 'addTicketTask',
        tags,
        summary: 'Ajoute une tâche et le temps passé (minutes)',
        params: ticketIdParams,
        body: addTaskInput,
        response: {
          201: z.object({ id: z.string(), at: z.string(), authorLabel: z.string(), description: z.string(), minutes: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const row = await addTask(ctxOf(fastify, request), { id: request.params.id, task: request.body });
      return reply.status(201).send({ id: row.id, at: row.at.toISOString(), authorLabel: row.authorLabel, description: row.description, minutes: row.minutes });
    },
  );

  app.post(
    '/tickets/:id/approval',
    {
      schema: {
        operationId: 'answerTicketSolution',
        tags,
        summary: 'Le demandeur accepte la solution (le ticket est clos) ou la refuse (il est rouvert)',
        params: ticketIdParams,
        body: answerSolutionInput,
        response: changed,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await answerSolution(ctx, { id: request.params.id, changes: request.body });
      return fresh(ctx, request.params.id);
    },
  );

  app.post(
    '/tickets/:id/satisfaction',
    {
      schema: {
        operationId: 'rateTicket',
        tags,
        summary: 'Satisfaction du demandeur sur un ticket résolu (1 à 5)',
        params: ticketIdParams,
        body: rateTicketInput,
        response: changed,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await rateTicket(ctx, { id: request.params.id, rating: request.body });
      return fresh(ctx, request.params.id);
    },
  );

  app.post(
    '/tickets/:id/major-incident',
    {
      schema: {
        operationId: 'linkTicketToMajorIncident',
        tags,
        summary: 'Rattache le ticket à un incident majeur (majorId) ou l’en détache (null)',
        params: ticketIdParams,
        body: linkMajorIncidentInput,
        response: changed,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await linkMajorIncident(ctx, { id: request.params.id, link: request.body });
      return fresh(ctx, request.params.id);
    },
  );

  app.post(
    '/tickets/:id/problem',
    {
      schema: {
        operationId: 'setTicketProblemFlag',
        tags,
        summary: 'Signale (ou non) le ticket comme problème à investiguer, avec motif',
        params: ticketIdParams,
        body: setProblemFlagInput,
        response: changed,
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await setProblemFlag(ctx, { id: request.params.id, changes: request.body });
      return fresh(ctx, request.params.id);
    },
  );
}
