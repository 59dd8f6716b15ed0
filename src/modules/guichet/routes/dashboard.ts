import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { dashboardTableExportInput, exportDashboardTable } from '../operations/export-dashboard-table.js';
import { deskDashboardInput, getDeskDashboard } from '../operations/get-desk-dashboard.js';
import { getDeskHome } from '../operations/get-desk-home.js';
import { presentTicketSummary, ticketSummarySchema } from '../presenters/tickets.js';

const share = z.object({
  measured: z.number().describe('Tickets jugés : délai arrêté dans la période, ou ouverts et déjà en retard'),
  within: z.number(),
  breached: z.number(),
  openBreached: z.number().describe('Dont tickets encore ouverts dont l’échéance est passée'),
  withinRate: z.number().nullable().describe('Part dans les délais, de 0 à 1'),
});
const duration = z.object({ count: z.number(), medianHours: z.number().nullable(), p90Hours: z.number().nullable(), meanHours: z.number().nullable() });
const count = z.number();
const schoolRef = { id: z.string(), uai: z.string(), name: z.string() };

export const deskDashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  backlog: z.object({
    total: count,
    byTeam: z.array(z.object({ id: z.string().nullable(), name: z.string(), level: z.number().nullable(), count })),
    byLevel: z.array(z.object({ level: z.number(), label: z.string(), count })),
    byCategory: z.array(z.object({ key: z.string().nullable(), label: z.string(), count })),
    bySchool: z.array(z.object({ ...schoolRef, count })),
  }),
  agreement: z.object({ own: share, resolve: share }),
  times: z.object({ own: duration, resolve: duration }).describe('En heures ouvrées'),
  devices: z.object({
    tickets: count,
    devices: count,
    per100Devices: z.number().nullable(),
    bySchool: z.array(z.object({ ...schoolRef, tickets: count, devices: count, per100Devices: z.number().nullable() })),
  }),
  satisfaction: z.object({
    solved: count,
    rated: count,
    responseRate: z.number().nullable(),
    mean: z.number().nullable(),
    distribution: z.array(z.object({ rating: z.number(), count })),
  }),
  weekly: z.array(z.object({ week: z.string(), opened: count, solved: count })),
});

export const deskHomeSchema = z.object({
  focus: z.enum(['school', 'queue', 'desk']).describe('Ce que la page d’accueil met en avant : les tickets de l’établissement, la file du technicien, le guichet'),
  counts: z.object({
    open: count,
    late: count.describe('Ouverts dont un délai (prise en charge ou résolution) est dépassé'),
    unowned: count.describe('Nouveaux, pas encore pris en charge'),
    assignedToMe: count,
    requestedByMe: count,
    solvedLast30Days: count,
  }),
  tickets: z.array(ticketSummarySchema).describe('Les premiers tickets à traiter (5 au plus)'),
  ticketsTotal: count.describe('Combien de tickets la liste complète (même filtre) contient'),
});

/** The service desk's dashboard and its tables as CSV or XLSX. */
export async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guichet'];

  app.get(
    '/desk/dashboard',
    {
      schema: {
        operationId: 'getDeskDashboard',
        tags,
        summary: 'Tableau de bord du guichet sur les tickets visibles : stock, respect des délais, durées en heures ouvrées, tickets pour 100 équipements, satisfaction, tendance hebdomadaire',
        description:
          'Période from/to (AAAA-MM-JJ, jours de Paris inclus ; défaut : les 90 derniers jours). Filtres : unitId (avec ses sous-unités), teamId, level, category, uai, organizationId. Chaque chiffre ne porte que sur les tickets que l’appelant peut lire.',
        querystring: deskDashboardInput,
        response: { 200: deskDashboardSchema, ...errorResponses },
      },
    },
    async (request) => getDeskDashboard(ctxOf(fastify, request), request.query),
  );

  app.get(
    '/desk/home',
    {
      schema: {
        operationId: 'getDeskHome',
        tags,
        summary: 'Le guichet vu de la page d’accueil : chiffres et premiers tickets selon le rôle (un établissement ses tickets ouverts, un technicien sa file et ses retards, l’administration le stock et les retards)',
        response: { 200: deskHomeSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { focus, counts, first, now } = await getDeskHome(ctx);
      return {
        focus,
        counts,
        tickets: first.items.map((i) => presentTicketSummary(i.ticket, { uai: i.uai, name: i.establishmentName }, { config: first.config, now })),
        ticketsTotal: first.total,
      };
    },
  );

  app.get(
    '/desk/dashboard/export',
    {
      schema: {
        operationId: 'exportDeskDashboard',
        tags,
        summary: 'Un tableau du tableau de bord du guichet en CSV (UTF-8 avec BOM, « ; ») ou XLSX',
        querystring: dashboardTableExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...input } = request.query;
      return sendExport(reply, format, await exportDashboardTable(ctx, input), ctx.now());
    },
  );
}
