import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { loadDeskConfig } from '../desk-config.js';
import { createTicketCategory, createCategoryInput } from '../operations/config/create-ticket-category.js';
import { createSupportTeam, createSupportTeamInput } from '../operations/config/create-support-team.js';
import { getDeskConfiguration } from '../operations/config/get-desk-configuration.js';
import { publishBusinessCalendarInput, publishBusinessCalendar } from '../operations/config/publish-business-calendar.js';
import { publishPriorityMatrix, publishPriorityMatrixInput } from '../operations/config/publish-priority-matrix.js';
import { agreementIdParam, publishServiceAgreement, publishServiceAgreementInput } from '../operations/config/publish-service-agreement.js';
import { updateDeskSettings, updateDeskSettingsInput } from '../operations/config/update-desk-settings.js';
import { updateSupportTeam, updateSupportTeamInput } from '../operations/config/update-support-team.js';
import { updateTicketCategory, updateCategoryInput } from '../operations/config/update-ticket-category.js';
import {
  deskConfigurationSchema,
  deskSettingsSchema,
  presentCategory,
  presentSupportTeam,
  publishedTermsSchema,
  supportTeamSchema,
  ticketCategorySchema,
  versionsOut,
} from '../presenters/desk-config.js';

/**
 * The configuration of a tenant's service desk, so each authority sets its own without code:
 * teams, categories, the priority matrix, agreements, calendars and settings. Changes need
 * desk.configure and are audited; agreements, calendars and the matrix are published as new dated
 * versions (never rewritten), teams, categories and settings carry a version (409 on a race).
 */
export async function deskConfigRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guichet'];
  const published = (p: { version: number; validFrom: Date }) => ({ version: p.version, validFrom: p.validFrom.toISOString() });

  app.get(
    '/desk/configuration',
    {
      schema: {
        operationId: 'getDeskConfiguration',
        tags,
        summary: 'Configuration du guichet : équipes, catégories, matrice de priorité, conventions, calendriers, réglages',
        response: { 200: deskConfigurationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const c = await getDeskConfiguration(ctxOf(fastify, request));
      return {
        canConfigure: c.canConfigure,
        organizations: c.organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
        units: c.units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parentId })),
        teams: c.teams.map((t) => presentSupportTeam(c.config, t)),
        categories: c.categories.map((x) => presentCategory(c.config, x)),
        priorityMatrix: { ...published(c.priorityMatrix), versions: versionsOut(c.priorityMatrix.versions), matrix: c.priorityMatrix.value.map((row) => [...row]) },
        agreements: c.agreements.map((a) => ({
          id: a.id,
          ...published(a),
          versions: versionsOut(a.versions),
          label: a.value.label,
          pauseOnThirdParty: a.value.pauseOnThirdParty,
          targets: a.value.targets,
          categories: a.value.categories as Record<string, Record<string, z.output<typeof deskConfigurationSchema>['agreements'][number]['targets'][string]>>,
        })),
        calendars: c.calendars.map((k) => ({ id: k.id, ...published(k), versions: versionsOut(k.versions), ...k.value })),
        settings: c.settings,
      };
    },
  );

  app.post(
    '/desk/teams',
    {
      schema: {
        operationId: 'createSupportTeam',
        tags,
        summary: 'Crée une équipe de support (niveau 0 à 3, organisation, unités et catégories servies)',
        body: createSupportTeamInput,
        response: { 201: supportTeamSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const team = await createSupportTeam(ctx, request.body);
      reply.status(201);
      return presentSupportTeam(await loadDeskConfig(ctx, team.tenantId), team);
    },
  );

  app.patch(
    '/desk/teams/:id',
    {
      schema: {
        operationId: 'updateSupportTeam',
        tags,
        summary: 'Modifie ou désactive une équipe (envoyer la version lue : 409 si elle a changé entre-temps)',
        params: z.object({ id: z.uuid('Identifiant d’équipe invalide.') }),
        body: updateSupportTeamInput,
        response: { 200: supportTeamSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const team = await updateSupportTeam(ctx, { id: request.params.id, changes: request.body });
      return presentSupportTeam(await loadDeskConfig(ctx, team.tenantId), team);
    },
  );

  app.post(
    '/desk/categories',
    {
      schema: {
        operationId: 'createTicketCategory',
        tags,
        summary: 'Crée une catégorie de tickets avec son organisation responsable et ses équipes par défaut',
        body: createCategoryInput,
        response: { 201: ticketCategorySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const category = await createTicketCategory(ctx, request.body);
      reply.status(201);
      return presentCategory(await loadDeskConfig(ctx, category.tenantId), category);
    },
  );

  app.patch(
    '/desk/categories/:key',
    {
      schema: {
        operationId: 'updateTicketCategory',
        tags,
        summary: 'Modifie ou désactive une catégorie (envoyer la version lue : 409 si elle a changé entre-temps)',
        params: z.object({ key: z.string().min(1).max(64) }),
        body: updateCategoryInput,
        response: { 200: ticketCategorySchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const category = await updateTicketCategory(ctx, { id: request.params.key, changes: request.body });
      return presentCategory(await loadDeskConfig(ctx, category.tenantId), category);
    },
  );

  app.put(
    '/desk/priority-matrix',
    {
      schema: {
        operationId: 'publishPriorityMatrix',
        tags,
        summary: 'Publie une nouvelle version de la matrice urgence × impact, en vigueur maintenant ou à une date à venir',
        body: publishPriorityMatrixInput,
        response: { 200: publishedTermsSchema, ...errorResponses },
      },
    },
    async (request) => published(await publishPriorityMatrix(ctxOf(fastify, request), request.body)),
  );

  app.put(
    '/desk/agreements/:id',
    {
      schema: {
        operationId: 'publishServiceAgreement',
        tags,
        summary: 'Crée une convention de service (version 0) ou en publie une nouvelle version ; les tickets en cours gardent leur passé',
        params: z.object({ id: agreementIdParam }),
        body: publishServiceAgreementInput,
        response: { 200: publishedTermsSchema, ...errorResponses },
      },
    },
    async (request) => published(await publishServiceAgreement(ctxOf(fastify, request), { id: request.params.id, terms: request.body })),
  );

  app.put(
    '/desk/calendars/:id',
    {
      schema: {
        operationId: 'publishBusinessCalendar',
        tags,
        summary: 'Crée un calendrier ouvré (version 0) ou en publie une nouvelle version : plages, jours fériés, vacances scolaires, fermetures',
        params: z.object({ id: agreementIdParam }),
        body: publishBusinessCalendarInput,
        response: { 200: publishedTermsSchema, ...errorResponses },
      },
    },
    async (request) => published(await publishBusinessCalendar(ctxOf(fastify, request), { id: request.params.id, terms: request.body })),
  );

  app.patch(
    '/desk/settings',
    {
      schema: {
        operationId: 'updateDeskSettings',
        tags,
        summary: 'Réglages du guichet : convention par défaut, seuil et fenêtre des pannes répétées',
        body: updateDeskSettingsInput,
        response: { 200: deskSettingsSchema, ...errorResponses },
      },
    },
    async (request) => updateDeskSettings(ctxOf(fastify, request), request.body),
  );
}
