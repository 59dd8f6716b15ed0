import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { competenceSchema } from '../competence/competence.js';
import { addPartner, addPartnerInput } from '../operations/add-partner.js';
import { declareCompetence, getCompetence } from '../operations/declare-competence.js';
import { createTerritorialUnit, createTerritorialUnitInput } from '../operations/create-territorial-unit.js';
import { findOrganizations } from '../operations/find-organizations.js';
import { findUnits } from '../operations/find-units.js';
import { updateTerritorialUnit, updateTerritorialUnitInput } from '../operations/update-territorial-unit.js';
import { organizationSchema, presentOrganization, presentUnit, unitSchema } from '../presenters/related.js';

export async function unitAndOrganizationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['référentiel'];

  app.get(
    '/units',
    {
      schema: {
        operationId: 'listUnits',
        tags,
        summary: 'Unités territoriales (agences → secteurs → zones) avec leur nombre d’établissements',
        response: { 200: z.object({ items: z.array(unitSchema.extend({ establishmentCount: z.number() })) }), ...errorResponses },
      },
    },
    async (request) => {
      const units = await findUnits(ctxOf(fastify, request));
      return { items: units.map((u) => ({ ...presentUnit(u.unit), establishmentCount: u.establishmentCount })) };
    },
  );
  app.post(
    '/units',
    { schema: { operationId: 'createUnit', tags, summary: 'Crée une agence, un secteur ou une zone', body: createTerritorialUnitInput, response: { 201: unitSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'unit.manage');
      return reply.status(201).send(presentUnit(await createTerritorialUnit(ctx, { ...request.body, tenantId: ctx.actor.tenantId })));
    },
  );
  app.patch(
    '/units/:id',
    { schema: { operationId: 'updateUnit', tags, summary: 'Renomme une unité', params: z.object({ id: z.uuid() }), body: updateTerritorialUnitInput, response: { 200: unitSchema, ...errorResponses } } },
    async (request) => presentUnit(await updateTerritorialUnit(ctxOf(fastify, request), { id: request.params.id, changes: request.body })),
  );
  app.get(
    '/organizations',
    {
      schema: {
        operationId: 'listOrganizations',
        tags,
        summary: 'La collectivité active et ses partenaires (académie, DRAAF, prestataires…)',
        response: { 200: z.object({ items: z.array(organizationSchema.extend({ relation: z.string() })) }), ...errorResponses },
      },
    },
    async (request) => {
      const orgs = await findOrganizations(ctxOf(fastify, request));
      return { items: orgs.map((o) => ({ ...presentOrganization(o.organization), relation: o.relation })) };
    },
  );
  app.post(
    '/organizations',
    { schema: { operationId: 'addPartner', tags, summary: 'Ajoute un partenaire (le crée si son code est nouveau)', body: addPartnerInput, response: { 201: organizationSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(presentOrganization(await addPartner(ctxOf(fastify, request), request.body))),
  );
  const competenceView = z.object({
    competence: competenceSchema,
    declared: z.boolean().describe('false : la compétence découle du type et du code de la collectivité'),
    defaults: competenceSchema,
  });
  app.get(
    '/organization/competence',
    {
      schema: {
        operationId: 'getCompetence',
        tags,
        summary: 'Ce que la collectivité active peut détenir : types d’établissement et territoire (académies, départements, communes)',
        response: { 200: competenceView, ...errorResponses },
      },
    },
    async (request) => getCompetence(ctxOf(fastify, request)),
  );
  app.put(
    '/organization/competence',
    {
      schema: {
        operationId: 'declareCompetence',
        tags,
        summary: 'Déclare la compétence de la collectivité (null : revenir à celle de son type et de son code) ; les imports écartent les lignes hors compétence',
        body: z.object({ competence: competenceSchema.nullable() }),
        response: { 200: competenceView, ...errorResponses },
      },
    },
    async (request) => declareCompetence(ctxOf(fastify, request), request.body.competence),
  );
}
