import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { createGroup } from '../operations/create-group.js';
import { findGroups, getGroup } from '../operations/get-group.js';
import { createGroupInput, decisionParams, groupIdParams, memberParams, projectLeadInput, proposeDecisionInput, voteInput } from '../operations/group-input.js';
import { proposeDecision } from '../operations/propose-decision.js';
import { setProjectLead } from '../operations/set-project-lead.js';
import { voteDecision } from '../operations/vote-decision.js';
import { groupDetailSchema, groupSummarySchema, presentGroupDetail } from '../presenters/groups.js';

export async function groupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['marches'];
  const fresh = async (request: Parameters<typeof ctxOf>[1], id: string) => {
    const ctx = ctxOf(fastify, request);
    return presentGroupDetail(await getGroup(ctx, id), ctx.actor!);
  };

  app.get('/purchasing-groups', {
    schema: { operationId: 'listPurchasingGroups', tags, summary: 'Groupements de commandes visibles', response: { 200: z.object({ items: z.array(groupSummarySchema) }), ...errorResponses } },
  }, async (request) => {
    const groups = await findGroups(ctxOf(fastify, request));
    return { items: groups.map((g) => ({ id: g.id, name: g.name, coordinatorOrganizationId: g.coordinatorOrganizationId, coordinatorName: g.coordinatorName, conventionTitle: g.conventionTitle })) };
  });

  app.post('/purchasing-groups', {
    schema: { operationId: 'createPurchasingGroup', tags, summary: 'Constitue un groupement : coordonnateur, convention, membres fondateurs et leurs chefs de projet', body: createGroupInput, response: { 201: groupDetailSchema, ...errorResponses } },
  }, async (request, reply) => {
    const group = await createGroup(ctxOf(fastify, request), request.body);
    return reply.status(201).send(await fresh(request, group.id));
  });

  app.get('/purchasing-groups/:id', {
    schema: { operationId: 'getPurchasingGroup', tags, summary: 'Un groupement : membres, chefs de projet, décisions et votes', params: groupIdParams, response: { 200: groupDetailSchema, ...errorResponses } },
  }, async (request) => fresh(request, request.params.id));

  app.put('/purchasing-groups/:id/members/:organizationId/project-lead', {
    schema: { operationId: 'setProjectLead', tags, summary: 'Le chef de projet nommé par un membre', params: memberParams, body: projectLeadInput, response: { 200: groupDetailSchema, ...errorResponses } },
  }, async (request) => {
    await setProjectLead(ctxOf(fastify, request), request.params.id, request.params.organizationId, request.body);
    return fresh(request, request.params.id);
  });

  app.post('/purchasing-groups/:id/decisions', {
    schema: { operationId: 'proposeDecision', tags, summary: 'Propose une décision au vote des membres', params: groupIdParams, body: proposeDecisionInput, response: { 201: groupDetailSchema, ...errorResponses } },
  }, async (request, reply) => {
    await proposeDecision(ctxOf(fastify, request), request.params.id, request.body);
    return reply.status(201).send(await fresh(request, request.params.id));
  });

  app.post('/purchasing-groups/:id/decisions/:decisionId/votes', {
    schema: { operationId: 'voteDecision', tags, summary: 'Vote d’un membre : adoptée à l’unanimité, rejetée au premier vote contre', params: decisionParams, body: voteInput, response: { 200: groupDetailSchema, ...errorResponses } },
  }, async (request) => {
    await voteDecision(ctxOf(fastify, request), request.params.id, request.params.decisionId, request.body);
    return fresh(request, request.params.id);
  });
}
