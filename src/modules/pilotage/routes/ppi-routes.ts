import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses, pageQuery } from '../../../server/platform/http.js';
import { exportPpiOperations, operationsExportQuery } from '../operations/export-ppi-operations.js';
import { createPpiScenario } from '../operations/create-ppi-scenario.js';
import { moveOperation, setOperationFinancing, splitScenarioFinancing } from '../operations/edit-ppi-operation.js';
import { compareInput, createScenarioInput, moveOperationInput, operationFilterInput, operationParams, scenarioParams, setFinancingInput, splitFinancingInput } from '../operations/ppi.input.js';
import { comparePpiScenarios, listPpiOperations, listPpiScenarios } from '../operations/read-ppi.js';
import { votePpiScenario } from '../operations/vote-ppi-scenario.js';
import { costKindParams, costReferenceInput, listUnitCosts, setCostReference } from '../operations/cost-references.js';
import { getPpiExecution } from '../operations/ppi-execution.js';
import { comparisonSchema, operationsSchema, presentComparison, presentScenario, scenarioSchema } from '../presenters/ppi.js';

/** The multi-year investment plan: scenarios proposed from the gaps, financing, the vote, comparisons. */
export async function ppiRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['pilotage'];
  const ok = z.object({ ok: z.literal(true) });
  app.get(
    '/pilotage/ppi/scenarios',
    { schema: { operationId: 'listPpiScenarios', tags, summary: 'Scénarios du PPI', response: { 200: z.object({ items: z.array(scenarioSchema) }), ...errorResponses } } },
    async (request) => ({ items: (await listPpiScenarios(ctxOf(fastify, request))).map(presentScenario) }),
  );
  app.post(
    '/pilotage/ppi/scenarios',
    {
      schema: {
        operationId: 'createPpiScenario',
        tags,
        summary: 'Crée un scénario : opérations proposées à partir des écarts, chiffrées, priorisées et programmées sous les plafonds annuels',
        body: createScenarioInput,
        response: { 201: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createPpiScenario(ctxOf(fastify, request), request.body)),
  );
  app.get(
    '/pilotage/ppi/compare',
    { schema: { operationId: 'comparePpiScenarios', tags, summary: 'Compare des scénarios : coût, établissements à la cible chaque année, équité, financement', querystring: compareInput, response: { 200: comparisonSchema, ...errorResponses } } },
    async (request) => presentComparison(await comparePpiScenarios(ctxOf(fastify, request), request.query.ids)),
  );
  app.get(
    '/pilotage/ppi/scenarios/:id/operations',
    {
      schema: {
        operationId: 'listPpiOperations',
        tags,
        summary: 'Opérations d’un scénario, par priorité, page par page (filtre : une année du plan ou « unscheduled »)',
        params: scenarioParams,
        querystring: pageQuery.merge(operationFilterInput),
        response: { 200: operationsSchema, ...errorResponses },
      },
    },
    async (request) => listPpiOperations(ctxOf(fastify, request), request.params.id, request.query),
  );
  app.get(
    '/pilotage/ppi/scenarios/:id/operations/export',
    {
      schema: {
        operationId: 'exportPpiOperations',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX des opérations d’un scénario, avec le filtre de la liste',
        params: scenarioParams,
        querystring: operationsExportQuery,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportPpiOperations(ctx, request.params.id, request.query), ctx.now());
    },
  );
  app.put(
    '/pilotage/ppi/scenarios/:id/operations/:operationId/year',
    { schema: { operationId: 'movePpiOperation', tags, summary: 'Programme une opération sur une autre année (refusé au-delà du plafond)', params: operationParams, body: moveOperationInput, response: { 200: z.object({ version: z.number() }), ...errorResponses } } },
    async (request) => moveOperation(ctxOf(fastify, request), request.params.id, request.params.operationId, request.body),
  );
  app.put(
    '/pilotage/ppi/scenarios/:id/operations/:operationId/financing',
    { schema: { operationId: 'setPpiOperationFinancing', tags, summary: 'Financement d’une opération (lignes égales à son coût)', params: operationParams, body: setFinancingInput, response: { 200: ok, ...errorResponses } } },
    async (request) => {
      await setOperationFinancing(ctxOf(fastify, request), request.params.id, request.params.operationId, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/pilotage/ppi/scenarios/:id/financing-split',
    { schema: { operationId: 'splitPpiFinancing', tags, summary: 'Finance toutes les opérations d’un scénario selon des parts (fonds propres, FEDER, prêt BEI, partenaires)', params: scenarioParams, body: splitFinancingInput, response: { 200: z.object({ operations: z.number() }), ...errorResponses } } },
    async (request) => splitScenarioFinancing(ctxOf(fastify, request), request.params.id, request.body),
  );
  app.post(
    '/pilotage/ppi/scenarios/:id/vote',
    { schema: { operationId: 'votePpiScenario', tags, summary: 'Enregistre le vote : le scénario et les versions de cibles utilisées sont figés', params: scenarioParams, response: { 200: ok, ...errorResponses } } },
    async (request) => {
      await votePpiScenario(ctxOf(fastify, request), request.params.id);
      return { ok: true as const };
    },
  );
  const unitCost = z.object({ kind: z.string(), cents: z.number(), source: z.enum(['contract', 'reference']), basis: z.string(), lotId: z.string().nullable(), priceItemCode: z.string().nullable() });
  app.get(
    '/pilotage/ppi/unit-costs',
    { schema: { operationId: 'listPpiUnitCosts', tags, summary: 'Coût unitaire de chaque type d’opération : bordereau de prix d’un marché, sinon coût de référence', response: { 200: z.object({ items: z.array(unitCost) }), ...errorResponses } } },
    async (request) => ({ items: await listUnitCosts(ctxOf(fastify, request)) }),
  );
  app.put(
    '/pilotage/ppi/unit-costs/:kind',
    { schema: { operationId: 'setPpiCostReference', tags, summary: 'Coût de référence d’un type d’opération, éventuellement lié au prix d’un lot de marché', params: costKindParams, body: costReferenceInput, response: { 200: unitCost, ...errorResponses } } },
    async (request) => setCostReference(ctxOf(fastify, request), request.params.kind, request.body),
  );
  app.get(
    '/pilotage/ppi/scenarios/:id/execution',
    {
      schema: {
        operationId: 'getPpiExecution',
        tags,
        summary: 'Exécution du PPI : prévu chaque année contre commandé, livré et facturé par les marchés dans ses établissements',
        params: scenarioParams,
        response: {
          200: z.object({
            scenarioId: z.string(),
            years: z.array(z.object({ year: z.number(), plannedCents: z.number(), orderedCents: z.number(), deliveredCents: z.number(), invoicedCents: z.number(), schoolsPlanned: z.number(), schoolsOrdered: z.number() })),
            totals: z.object({ plannedCents: z.number(), orderedCents: z.number(), deliveredCents: z.number(), invoicedCents: z.number() }),
            orderedShare: z.number().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getPpiExecution(ctxOf(fastify, request), request.params.id),
  );
}
