import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { tickets } from '../db/schema.js';
import { loadDeskConfig } from '../desk-config.js';
import { ticketColumns } from '../export-columns.js';
import { createTicket, createTicketInput } from '../operations/create-ticket.js';
import { exportTickets, ticketsExportInput } from '../operations/export-tickets.js';
import { findTickets, findTicketsInput, ticketFilters, ticketOrder, ticketWhere } from '../operations/find-tickets.js';
import { createdTicketDetail, getTicket, ticketIdParams } from '../operations/get-ticket.js';
import { presentTicketDetail, presentTicketSummary, ticketDetailSchema, ticketSummarySchema } from '../presenters/tickets.js';


export async function ticketRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guichet'];

  app.post(
    '/tickets',
    {
      schema: {
        operationId: 'createTicket',
        tags,
        summary: 'Ouvre un ticket (incident ou demande) : routage, priorité, convention et échéances calculés',
        description:
          "Champs requis : uai, title, description, type (incident | request), urgency et impact (1 très bas … 5 très haut ; la matrice par défaut donne une priorité moyenne pour 3 × 3). Sans catégorie, le ticket va au tri sous la convention par défaut. openedAt (ISO 8601, dans le passé, 30 jours au plus) : l'heure de l'appel saisi plus tard. Répond 201 avec le ticket, son équipe et sla.dueToOwn / sla.dueToResolve.",
        body: createTicketInput,
        response: { 201: ticketDetailSchema, ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const detail = await createdTicketDetail(ctx, await createTicket(ctx, request.body));
      return reply.status(201).send(presentTicketDetail(detail, ctx.actor!, ctx.now()));
    },
  );

  app.get(
    '/tickets',
    {
      schema: {
        operationId: 'listTickets',
        tags,
        summary: 'Tickets visibles, filtrés (statut, équipe, établissement, catégorie, priorité, délais dépassés), triés et paginés sur le serveur',
        querystring: findTicketsInput,
        response: { 200: z.object({ items: z.array(ticketSummarySchema), total: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { items, total, config } = await findTickets(ctx, request.query);
      const now = ctx.now();
      return {
        items: items.map((i) => presentTicketSummary(i.ticket, { uai: i.uai, name: i.establishmentName }, { config, now })),
        total,
      };
    },
  );

  app.get(
    '/tickets/export',
    {
      schema: {
        operationId: 'exportTickets',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX de la liste filtrée, sans aucun suivi',
        querystring: ticketsExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportTickets(ctx, filters), ctx.now());
    },
  );

  app.get(
    '/tickets/:id',
    {
      schema: {
        operationId: 'getTicket',
        tags,
        summary: 'Un ticket : suivis, tâches et pièces jointes visibles, historique, délais recalculés, actions permises',
        params: ticketIdParams,
        response: { 200: ticketDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      return presentTicketDetail(await getTicket(ctx, request.params), ctx.actor!, ctx.now());
    },
  );
}
