import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { consolidateInput, consolidateResourceChoices } from './operations/consolidate-resource-choices.js';
import { createResourceTitle, createTitleInput } from './operations/create-resource-title.js';
import { entSitesInput, findEntSites, recordEntSite, recordEntSiteInput } from './operations/ent-sites.js';
import { exportChoicesInput, exportResourceChoices } from './operations/export-resource-choices.js';
import { findChoicesInput, findResourceChoices } from './operations/find-resource-choices.js';
import { exportLicencesInput, exportResourceLicences } from './operations/export-resource-licences.js';
import { findResourceLicences, licencesInput } from './operations/find-resource-licences.js';
import { setHeadcountInput, setResourceHeadcount } from './operations/set-resource-headcount.js';
import { findResourceTitles, findTitlesInput } from './operations/find-resource-titles.js';
import { setChoiceInput, setResourceChoice } from './operations/set-resource-choice.js';
import { consolidationSchema, entSiteSchema, headcountSchema, entSitesSchema, licencesSchema, presentChoice, presentTitle, resourceChoiceSchema, resourceTitleSchema } from './presenters.js';

/** Digital resources (catalogue, schools' choices, consolidation into orders, licences) and the ENT's sites. */
export async function resourceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['marches'];
  app.get(
    '/resource-titles',
    { schema: { operationId: 'listResourceTitles', tags, summary: 'Catalogue des ressources numériques d’un marché (titres papier seulement signalés)', querystring: findTitlesInput, response: { 200: z.object({ items: z.array(resourceTitleSchema) }), ...errorResponses } } },
    async (request) => ({ items: (await findResourceTitles(ctxOf(fastify, request), request.query)).map(presentTitle) }),
  );
  app.post(
    '/resource-titles',
    { schema: { operationId: 'createResourceTitle', tags, summary: 'Ajoute un titre au catalogue (un titre numérique prend le prix de son article au bordereau)', body: createTitleInput, response: { 201: resourceTitleSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(presentTitle(await createResourceTitle(ctxOf(fastify, request), request.body))),
  );
  app.get(
    '/resource-choices',
    { schema: { operationId: 'listResourceChoices', tags, summary: 'Choix des établissements (un établissement : les siens)', querystring: findChoicesInput, response: { 200: z.object({ items: z.array(resourceChoiceSchema), total: z.number() }), ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { items, total } = await findResourceChoices(ctx, request.query);
      return { items: items.map((r) => presentChoice(r, ctx.actor!)), total };
    },
  );
  app.get(
    '/resource-choices/export',
    { schema: { operationId: 'exportResourceChoices', tags, summary: 'Choix des établissements en CSV (UTF-8 avec BOM, « ; ») ou XLSX, avec les filtres et le périmètre de la liste', querystring: exportChoicesInput } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportResourceChoices(ctx, filters), ctx.now());
    },
  );
  app.put(
    '/resource-choices',
    { schema: { operationId: 'setResourceChoice', tags, summary: 'Fixe la quantité d’un titre pour un niveau d’un établissement (0 retire le choix)', body: setChoiceInput, response: { 200: resourceChoiceSchema, ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const saved = await setResourceChoice(ctx, request.body);
      const choice = saved.choice ?? { id: null, titleId: saved.title.id, level: request.body.level, quantity: 0, orderId: null, chosenBy: null };
      return presentChoice(
        { choice: choice as never, title: saved.title.title, publisher: saved.title.publisher, digital: saved.title.digital, pricePerLicenceCents: saved.title.pricePerLicenceCents, uai: saved.uai, establishmentName: saved.establishmentName },
        ctx.actor!,
      );
    },
  );
  app.post(
    '/resource-consolidations',
    { schema: { operationId: 'consolidateResourceChoices', tags, summary: 'Consolide les choix en attente en bons de commande (brouillons) au titulaire', body: consolidateInput, response: { 201: consolidationSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await consolidateResourceChoices(ctxOf(fastify, request), request.body)),
  );
  app.get(
    '/resource-licences',
    { schema: { operationId: 'getResourceLicences', tags, summary: 'Licences par établissement et par élève', querystring: licencesInput, response: { 200: licencesSchema, ...errorResponses } } },
    async (request) => findResourceLicences(ctxOf(fastify, request), request.query),
  );
  app.get(
    '/resource-licences/export',
    { schema: { operationId: 'exportResourceLicences', tags, summary: 'Licences par établissement et par élève en CSV (UTF-8 avec BOM, « ; ») ou XLSX, dans le périmètre du lecteur', querystring: exportLicencesInput } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportResourceLicences(ctx, filters), ctx.now());
    },
  );
  app.put(
    '/resource-headcounts',
    { schema: { operationId: 'setResourceHeadcount', tags, summary: 'Déclare l’effectif d’un niveau d’un établissement pour un marché de ressources (0 le retire) ; sert aux licences par élève quand le référentiel n’a pas d’effectif', body: setHeadcountInput, response: { 200: headcountSchema, ...errorResponses } } },
    async (request) => setResourceHeadcount(ctxOf(fastify, request), request.body),
  );
  app.get(
    '/ent-sites',
    { schema: { operationId: 'listEntSites', tags, summary: 'Sites du marché ENT par vague, coûts par vague et par année', querystring: entSitesInput, response: { 200: entSitesSchema, ...errorResponses } } },
    async (request) => findEntSites(ctxOf(fastify, request), request.query),
  );
  app.post(
    '/ent-sites',
    { schema: { operationId: 'recordEntSite', tags, summary: 'Ouvre un site du marché ENT dans une vague', body: recordEntSiteInput, response: { 201: entSiteSchema, ...errorResponses } } },
    async (request, reply) => {
      const s = await recordEntSite(ctxOf(fastify, request), request.body);
      return reply.status(201).send({ id: s.id, uai: s.uai, establishmentName: s.establishmentName, wave: s.wave, openingDate: s.openingDate, launchCostCents: s.launchCostCents, yearlyCostCents: s.yearlyCostCents });
    },
  );
}
