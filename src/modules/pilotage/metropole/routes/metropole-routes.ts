import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { exportCommuneService } from '../operations/export-commune-service.js';
import { createCycleInput, createServiceInput, membershipInput, subscriptionsInput, updateCycleInput, updateServiceInput } from '../operations/catalogue.input.js';
import { findPartnerCommunes } from '../operations/find-partner-communes.js';
import { updateCatalogueService, updateJoiningCycle } from '../operations/update-catalogue.js';
import { findCatalogue, findCommunes } from '../operations/find-catalogue.js';
import { communeServiceQuery, getCommuneService } from '../operations/get-commune-service.js';
import { createCatalogueService, createJoiningCycle, setMembership, setSubscriptions } from '../operations/manage-catalogue.js';

const tags = ['pilotage'];
const communeParams = z.object({ communeId: z.uuid('Identifiant de commune invalide') });
const idSchema = z.object({ id: z.string() });

const serviceSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  ticketCategories: z.array(z.string()),
  resolveWithinTarget: z.number(),
  costPerDeviceCents: z.number(),
  costPerPupilCents: z.number(),
  version: z.number(),
});
const idParams = z.object({ id: z.uuid('Identifiant invalide') });
const versioned = z.object({ id: z.string(), version: z.number() });
const partnerCommuneSchema = z.object({
  communeId: z.string(),
  name: z.string(),
  inseeCode: z.string().nullable(),
  /** The answer's version, to send back with an edit (null: no answer yet). */
  version: z.number().nullable(),
  status: z.string().nullable().describe('joined, refused, ou null : pas encore de réponse'),
  cycleId: z.string().nullable(),
  costSplit: z.string().nullable(),
});
const communeSchema = z.object({
  communeId: z.string(),
  name: z.string(),
  inseeCode: z.string(),
  status: z.string(),
  cycleYear: z.number(),
  costSplit: z.string(),
  serviceIds: z.array(z.string()),
});
const within = { opened: z.number(), measured: z.number(), withinRate: z.number().nullable() };
const communeServiceSchema = z.object({
  commune: z.object({ id: z.string(), name: z.string(), inseeCode: z.string() }),
  status: z.string(),
  cycleYear: z.number(),
  costSplit: z.string(),
  unitLabel: z.string(),
  period: z.object({ from: z.string(), to: z.string(), year: z.number() }),
  totals: z.object({ schools: z.number(), pupils: z.number(), devices: z.number(), costCents: z.number(), within: z.number(), ...within }),
  services: z.array(
    z.object({
      serviceId: z.string(),
      code: z.string(),
      name: z.string(),
      target: z.number(),
      ...within,
      met: z.boolean().nullable(),
      units: z.number(),
      unitCostCents: z.number(),
      costCents: z.number(),
      shareOfTotal: z.number().nullable().describe('Part de la commune dans le coût du service pour toutes les communes adhérentes, de 0 à 1'),
    }),
  ),
  schools: z.array(z.object({ id: z.string(), uai: z.string(), name: z.string(), pupils: z.number(), devices: z.number(), opened: z.number(), withinRate: z.number().nullable() })),
});

/** A Métropole's service catalogue, its communes « à la carte » and the service each one got. */
export async function metropoleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: Parameters<typeof ctxOf>[1]) => ctxOf(fastify, request);

  app.get('/metropole/catalogue', { schema: { operationId: 'getMetropoleCatalogue', tags, summary: 'Catalogue de services de la Métropole (niveaux de service, coûts unitaires) et cycles d’adhésion', response: { 200: z.object({ canManage: z.boolean().describe('La personne gère le catalogue et les adhésions (la Métropole, pas une commune)'), services: z.array(serviceSchema), cycles: z.array(z.object({ id: z.string(), year: z.number(), label: z.string(), version: z.number() })) }), ...errorResponses } } }, async (request) =>
    findCatalogue(ctx(request)),
  );
  app.post('/metropole/services', { schema: { operationId: 'createMetropoleService', tags, summary: 'Ajoute un service au catalogue', body: createServiceInput, response: { 201: idSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send({ id: (await createCatalogueService(ctx(request), request.body)).id }),
  );
  app.post('/metropole/cycles', { schema: { operationId: 'createMetropoleCycle', tags, summary: 'Ouvre un cycle annuel d’adhésion', body: createCycleInput, response: { 201: idSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send({ id: (await createJoiningCycle(ctx(request), request.body)).id }),
  );
  app.put('/metropole/services/:id', { schema: { operationId: 'updateMetropoleService', tags, summary: 'Modifie un service du catalogue : niveau promis, catégories mesurées, coûts unitaires (version lue requise)', params: idParams, body: updateServiceInput, response: { 200: versioned, ...errorResponses } } }, async (request) => {
    const row = await updateCatalogueService(ctx(request), request.params.id, request.body);
    return { id: row.id, version: row.version };
  });
  app.put('/metropole/cycles/:id', { schema: { operationId: 'updateMetropoleCycle', tags, summary: 'Renomme un cycle d’adhésion (version lue requise)', params: idParams, body: updateCycleInput, response: { 200: versioned, ...errorResponses } } }, async (request) => {
    const row = await updateJoiningCycle(ctx(request), request.params.id, request.body);
    return { id: row.id, version: row.version };
  });
  app.get('/metropole/partner-communes', { schema: { operationId: 'findMetropolePartnerCommunes', tags, summary: 'Communes partenaires de la Métropole et leur réponse, y compris celles qui n’ont pas encore répondu (la sienne seule pour une commune)', response: { 200: z.array(partnerCommuneSchema), ...errorResponses } } }, async (request) =>
    findPartnerCommunes(ctx(request)),
  );
  app.get('/metropole/communes', { schema: { operationId: 'findMetropoleCommunes', tags, summary: 'Communes et leur adhésion : toutes pour la Métropole, la sienne seule pour une commune', response: { 200: z.array(communeSchema), ...errorResponses } } }, async (request) =>
    findCommunes(ctx(request)),
  );
  app.put('/metropole/communes/:communeId/membership', { schema: { operationId: 'setMetropoleMembership', tags, summary: 'Adhésion (ou refus) d’une commune à un cycle, avec sa clé de répartition', params: communeParams, body: membershipInput, response: { 200: z.object({ communeId: z.string(), status: z.string(), version: z.number() }), ...errorResponses } } }, async (request) => {
    const row = await setMembership(ctx(request), request.params.communeId, request.body);
    return { communeId: row.communeId, status: row.status, version: row.version };
  });
  app.put('/metropole/communes/:communeId/subscriptions', { schema: { operationId: 'setMetropoleSubscriptions', tags, summary: 'Services souscrits « à la carte » par une commune adhérente', params: communeParams, body: subscriptionsInput, response: { 200: z.object({ communeId: z.string(), serviceIds: z.array(z.string()), version: z.number() }), ...errorResponses } } }, async (request) =>
    setSubscriptions(ctx(request), request.params.communeId, request.body),
  );
  app.get('/metropole/communes/:communeId/service', { schema: { operationId: 'getMetropoleCommuneService', tags, summary: 'Service rendu à une commune (chiffres du guichet pour ses écoles face aux niveaux du catalogue) et sa part des coûts', params: communeParams, querystring: communeServiceQuery, response: { 200: communeServiceSchema, ...errorResponses } } }, async (request) =>
    getCommuneService(ctx(request), request.params.communeId, request.query),
  );
  app.get('/metropole/communes/:communeId/service/export', { schema: { operationId: 'exportMetropoleCommuneService', tags, summary: 'Les écoles d’une commune et le service rendu à chacune, en CSV (UTF-8 avec BOM, « ; ») ou XLSX', params: communeParams, querystring: communeServiceQuery.extend({ format: exportFormat.default('csv') }), response: { 200: z.any(), ...errorResponses } } }, async (request, reply) => {
    const c = ctx(request);
    const { format, ...query } = request.query;
    return sendExport(reply, format, await exportCommuneService(c, request.params.communeId, query), c.now());
  });
}
