import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { can } from '../../../server/platform/authz.js';
import { loadCampaign } from '../campaign-access.js';
import { createCampaignInput, reopenCampaignInput, updateCampaignInput } from '../operations/campaign.input.js';
import { editableForm, listFormVersions, publishForm, saveForm, saveFormInput } from '../operations/form-versions.js';
import { getCampaign, groupsInput, listCampaigns, saveGroups } from '../operations/list-campaigns.js';
import { updateEligibilityInput } from '../operations/campaign.input.js';
import { getEligibility, updateEligibility } from '../operations/eligibility.js';
import { createInstructorGroup, deleteInstructorGroup, listInstructorGroups, updateInstructorGroup } from '../operations/instructor-groups.js';
import { createInstructorGroupInput, updateInstructorGroupInput } from '../operations/instructor-groups.input.js';
import { createCampaign, reopenCampaign, updateCampaign } from '../operations/save-campaign.js';
import { campaignSchema, presentCampaign } from '../presenters/campaigns.js';

export const campaignParams = z.object({ campaign: z.string().min(1).max(100) });

const formVersionSchema = z.object({
  id: z.string(),
  number: z.number(),
  publishedAt: z.string().nullable(),
  fields: z.array(z.unknown()),
  annotationFields: z.array(z.unknown()),
  version: z.number(),
});
const presentForm = (v: { id: string; number: number; publishedAt: Date | null; fields: unknown[]; annotationFields: unknown[]; version: number }) => ({
  id: v.id,
  number: v.number,
  publishedAt: v.publishedAt?.toISOString() ?? null,
  fields: v.fields,
  annotationFields: v.annotationFields,
  version: v.version,
});
const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  priority: z.number(),
  isDefault: z.boolean(),
  rules: z.array(z.object({ on: z.string(), values: z.array(z.string()), field: z.string().optional() })),
  memberUserIds: z.array(z.string()),
  members: z.array(z.object({ id: z.string(), displayName: z.string() })),
  version: z.number(),
});
const groupParams = campaignParams.extend({ group: z.uuid() });
const eligibilitySchema = z.object({
  natureCodes: z.array(z.string()),
  units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  establishments: z.array(z.object({ id: z.string(), uai: z.string(), name: z.string() })),
  version: z.number(),
});

export async function campaignRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];
  const one = { 200: campaignSchema, ...errorResponses };

  app.get('/campaigns', { schema: { operationId: 'listCampaigns', tags, summary: 'Les campagnes (appels à projets, aides aux familles) visibles', response: { 200: z.object({ items: z.array(campaignSchema) }), ...errorResponses } } }, async (request) => ({
    items: await listCampaigns(ctxOf(fastify, request)),
  }));

  app.post(
    '/campaigns',
    { schema: { operationId: 'createCampaign', tags, summary: 'Crée une campagne (brouillon) : dates en heure de Paris, dernier jour clos à 23 h 59 min 59 s', body: createCampaignInput, response: { 201: campaignSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const created = await createCampaign(ctx, request.body);
      return reply.status(201).send(await getCampaign(ctx, created.id));
    },
  );

  app.get('/campaigns/:campaign', { schema: { operationId: 'getCampaign', tags, summary: 'Une campagne (par identifiant ou code)', params: campaignParams, response: one } }, async (request) =>
    getCampaign(ctxOf(fastify, request), request.params.campaign),
  );

  app.put(
    '/campaigns/:campaign',
    { schema: { operationId: 'updateCampaign', tags, summary: 'Modifie une campagne (version lue : 409 si elle a changé)', params: campaignParams, body: updateCampaignInput, response: one } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const updated = await updateCampaign(ctx, { id: request.params.campaign, changes: request.body });
      return getCampaign(ctx, updated.id);
    },
  );

  app.post(
    '/campaigns/:campaign/reopening',
    { schema: { operationId: 'reopenCampaign', tags, summary: 'Rouvre une campagne close jusqu’à un nouveau dernier jour, avec le motif', params: campaignParams, body: reopenCampaignInput, response: one } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const updated = await reopenCampaign(ctx, { id: request.params.campaign, changes: request.body });
      const { standing } = await loadCampaign(ctx, updated.id);
      return presentCampaign(updated, standing, can(ctx.actor, 'dossier.apply'), ctx.now());
    },
  );

  app.get(
    '/campaigns/:campaign/form',
    { schema: { operationId: 'getCampaignForm', tags, summary: 'Les versions du formulaire, la plus récente d’abord (la non publiée est le brouillon)', params: campaignParams, response: { 200: z.object({ versions: z.array(formVersionSchema) }), ...errorResponses } } },
    async (request) => {
      const { campaign, standing } = await loadCampaign(ctxOf(fastify, request), request.params.campaign);
      const versions = await listFormVersions(fastify.database.db, campaign.tenantId, campaign.id);
      return { versions: versions.filter((v) => v.publishedAt || standing.manager).map(presentForm) };
    },
  );

  app.put(
    '/campaigns/:campaign/form',
    { schema: { operationId: 'saveCampaignForm', tags, summary: 'Enregistre le brouillon du formulaire : champs, conditions, annotations privées', params: campaignParams, body: saveFormInput, response: { 200: formVersionSchema, ...errorResponses } } },
    async (request) => presentForm(await saveForm(ctxOf(fastify, request), { campaignId: request.params.campaign, changes: request.body })),
  );

  app.post(
    '/campaigns/:campaign/form/draft',
    { schema: { operationId: 'openCampaignFormDraft', tags, summary: 'Le brouillon du formulaire, créé depuis la dernière version publiée s’il n’existe pas', params: campaignParams, response: { 200: formVersionSchema, ...errorResponses } } },
    async (request) => presentForm(await editableForm(ctxOf(fastify, request), request.params.campaign)),
  );

  app.post(
    '/campaigns/:campaign/form/publication',
    { schema: { operationId: 'publishCampaignForm', tags, summary: 'Publie le brouillon : les nouveaux dossiers le prennent, les autres gardent leur version et leurs réponses', params: campaignParams, body: z.object({ version: z.number().int() }), response: { 200: formVersionSchema, ...errorResponses } } },
    async (request) => presentForm(await publishForm(ctxOf(fastify, request), { campaignId: request.params.campaign, version: request.body.version })),
  );

  app.get(
    '/campaigns/:campaign/groups',
    { schema: { operationId: 'listInstructorGroups', tags, summary: 'Les groupes d’instructeurs et leurs règles de routage', params: campaignParams, response: { 200: z.object({ items: z.array(groupSchema) }), ...errorResponses } } },
    async (request) => ({ items: await listInstructorGroups(ctxOf(fastify, request), request.params.campaign) }),
  );

  app.post(
    '/campaigns/:campaign/groups',
    { schema: { operationId: 'createInstructorGroup', tags, summary: 'Ajoute un groupe d’instructeurs : membres, priorité, règles de routage (unité, département, nature ou réponse)', params: campaignParams, body: createInstructorGroupInput, response: { 201: groupSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createInstructorGroup(ctxOf(fastify, request), { campaignId: request.params.campaign, group: request.body })),
  );

  app.put(
    '/campaigns/:campaign/groups/:group',
    { schema: { operationId: 'updateInstructorGroup', tags, summary: 'Modifie un groupe d’instructeurs (version lue : 409 si un collègue l’a changé)', params: groupParams, body: updateInstructorGroupInput, response: { 200: groupSchema, ...errorResponses } } },
    async (request) => updateInstructorGroup(ctxOf(fastify, request), { campaignId: request.params.campaign, groupId: request.params.group, changes: request.body }),
  );

  app.delete(
    '/campaigns/:campaign/groups/:group',
    { schema: { operationId: 'deleteInstructorGroup', tags, summary: 'Supprime un groupe d’instructeurs (version lue) ; ses dossiers restent aux administrateurs', params: groupParams, querystring: z.object({ version: z.coerce.number().int() }), response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteInstructorGroup(ctxOf(fastify, request), { campaignId: request.params.campaign, groupId: request.params.group, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/campaigns/:campaign/eligibility',
    { schema: { operationId: 'getCampaignEligibility', tags, summary: 'Les établissements à qui la campagne est ouverte : natures, unités, liste nommée', params: campaignParams, response: { 200: eligibilitySchema, ...errorResponses } } },
    async (request) => getEligibility(ctxOf(fastify, request), request.params.campaign),
  );

  app.put(
    '/campaigns/:campaign/eligibility',
    { schema: { operationId: 'updateCampaignEligibility', tags, summary: 'Remplace les établissements à qui la campagne est ouverte (version de la campagne lue : 409 sinon)', params: campaignParams, body: updateEligibilityInput, response: { 200: eligibilitySchema, ...errorResponses } } },
    async (request) => updateEligibility(ctxOf(fastify, request), { campaignId: request.params.campaign, changes: request.body }),
  );

  app.put(
    '/campaigns/:campaign/groups',
    { schema: { operationId: 'saveInstructorGroups', tags, summary: 'Remplace les groupes d’instructeurs (routage par unité, département, nature ou réponse)', params: campaignParams, body: groupsInput, response: { 200: z.object({ items: z.array(groupSchema) }), ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await saveGroups(ctx, { campaignId: request.params.campaign, body: request.body });
      return { items: await listInstructorGroups(ctx, request.params.campaign) };
    },
  );
}
