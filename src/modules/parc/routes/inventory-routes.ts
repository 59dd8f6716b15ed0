import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses, setNoStore } from '../../../server/platform/http.js';
import { assetClasses } from '../asset-classes.js';
import { attachUnassignedReport, unassignedParams } from '../operations/attach-unassigned-report.js';
import { createAgentCredential, createAgentCredentialInput } from '../operations/create-agent-credential.js';
import { findAgentCredentials } from '../operations/find-agent-credentials.js';
import { findUnassignedReports } from '../operations/find-unassigned-reports.js';
import { getInventorySettings } from '../operations/get-inventory-settings.js';
import { credentialParams, revokeAgentCredential } from '../operations/revoke-agent-credential.js';
import { inventorySettingsInput, updateInventorySettings } from '../operations/update-inventory-settings.js';
import { credentialSchema, presentCredential, presentUnassigned, unassignedSchema } from '../presenters/inventory.js';

const settingsSchema = z.object({
  requireCredentials: z.boolean(),
  acceptTaggedAgents: z.boolean(),
  tagsOnlyFromNetworks: z.boolean(),
  networks: z.array(z.string()),
  storeLastUser: z.boolean(),
  staleAfterDays: z.number(),
  expectedLifeYears: z.record(z.enum(assetClasses), z.number()),
  version: z.number(),
});

/** Everything here is the authority administrator's (inventory.manage). */
export async function inventoryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];

  app.get(
    '/inventory/settings',
    {
      schema: {
        operationId: 'getInventorySettings',
        tags,
        summary: 'Réglages de l’inventaire : agents étiquetés, réseaux des établissements, dernier utilisateur, délai « non vu », durées de vie',
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => getInventorySettings(ctxOf(fastify, request)),
  );

  app.put(
    '/inventory/settings',
    {
      schema: {
        operationId: 'updateInventorySettings',
        tags,
        summary: 'Remplace les réglages de l’inventaire (envoyer la version lue : 409 si quelqu’un les a modifiés entre-temps)',
        description: 'networks : blocs CIDR (192.0.2.0/24, 2001:db8::/48) ; une adresse seule vaut /32 ou /128 ; un bloc plus large que /8 (IPv4) ou /32 (IPv6) est refusé.',
        body: inventorySettingsInput,
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => updateInventorySettings(ctxOf(fastify, request), request.body),
  );

  app.get(
    '/inventory/credentials',
    {
      schema: {
        operationId: 'listAgentCredentials',
        tags,
        summary: 'Identifiants HTTP Basic des agents d’inventaire (jamais leur mot de passe)',
        response: { 200: z.object({ items: z.array(credentialSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await findAgentCredentials(ctxOf(fastify, request))).map(presentCredential) }),
  );

  app.post(
    '/inventory/credentials',
    {
      schema: {
        operationId: 'createAgentCredential',
        tags,
        summary: 'Crée des identifiants d’agent ; le mot de passe (fourni ou généré) n’est rendu qu’une fois',
        description: 'username : le code de la collectivité, seul ou suivi de « /nom » (par exemple « hauts-de-france/lycees »).',
        body: createAgentCredentialInput,
        response: { 201: credentialSchema.extend({ password: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { row, password } = await createAgentCredential(ctxOf(fastify, request), request.body);
      setNoStore(reply);
      return reply.status(201).send({ ...presentCredential(row), password });
    },
  );

  app.delete(
    '/inventory/credentials/:username',
    {
      schema: {
        operationId: 'revokeAgentCredential',
        tags,
        summary: 'Révoque des identifiants d’agent (le « / » du nom s’encode %2F)',
        params: credentialParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeAgentCredential(ctxOf(fastify, request), request.params);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/inventory/unassigned',
    {
      schema: {
        operationId: 'listUnassignedReports',
        tags,
        summary: 'Rapports d’inventaire en attente qui désignent la collectivité (étiquette = un de ses UAI, ou adresse dans ses réseaux)',
        response: { 200: z.object({ items: z.array(unassignedSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await findUnassignedReports(ctxOf(fastify, request), { limit: 500 })).map(presentUnassigned) }),
  );

  app.post(
    '/inventory/unassigned/:id/attach',
    {
      schema: {
        operationId: 'attachUnassignedReport',
        tags,
        summary: 'Rattache un rapport en attente au parc de la collectivité (rapprochement et historique comme pour un agent) et le retire de la file',
        params: unassignedParams,
        response: { 200: z.object({ assetId: z.string(), created: z.boolean(), matchReason: z.string().nullable() }), ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (request) => {
      const result = await attachUnassignedReport(ctxOf(fastify, request), request.params);
      return { assetId: result.assetId, created: result.created, matchReason: result.matchReason };
    },
  );
}
