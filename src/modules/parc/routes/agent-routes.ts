import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../server/platform/http.js';
import { defaultInventoryLimits } from '../inventory/index.js';
import { parcBackgroundOf } from '../jobs/background.js';
import { answerPendingQuery, receiveAgentMessage } from '../operations/receive-agent-message.js';
import { plainAddress } from '../operations/school-networks.js';

/** Where deployed agents already point: OCS's, GLPI's (FusionInventory) and GLPI Agent's paths. */
export const agentPaths = ['/ocsinventory', '/front/inventory.php', '/api/v1/inventory'] as const;
/** Nothing larger is even buffered (inventory/limits.ts): a 413 before any parsing. */
const maxAgentBody = defaultInventoryLimits.maxBodyBytes;
/** GLPI Agent's paths: where it asks again, by GET, after a "pending" answer. */
const glpiAgentPaths = ['/front/inventory.php', '/api/v1/inventory'] as const;

/**
 * The agents' endpoints take the raw body whatever its content type (zlib, gzip, XML, JSON):
 * this plugin replaces the JSON parser only inside its own scope.
 */
export async function agentRoutes(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxAgentBody }, (_request, body, done) => done(null, body));
  for (const url of agentPaths) {
    app.post(
      url,
      {
        bodyLimit: maxAgentBody,
        schema: {
          operationId: url === '/api/v1/inventory' ? 'receiveAgentInventory' : undefined,
          hide: url !== '/api/v1/inventory',
          tags: ['parc'],
          summary: 'Point de collecte des agents d’inventaire (OCS, FusionInventory, GLPI Agent)',
          description:
            "Protocole des agents : XML compressé (PROLOG puis INVENTORY) ou JSON GLPI Agent (CONTACT puis inventaire, zlib, gzip ou brut). Authentification HTTP Basic (utilisateur « code-collectivité » ou « code-collectivité/nom »), ou étiquette (UAI) ou réseau déclaré de l'établissement quand la collectivité l'accepte. Quand l'inventaire ne peut être enregistré tout de suite, il est d'abord mis en file (durable) : GLPI Agent reçoit 202 {\"status\":\"pending\"} avec l'en-tête GLPI-Request-ID et redemande par GET ; les agents XML reçoivent NO_ACCOUNT_UPDATE. Un rapport sans collectivité attend dans la file des non rattachés, plafonnée (429 au-delà).",
          security: [],
        },
      },
      async (request, reply) => {
        const answer = await receiveAgentMessage(ctxOf(app, request), parcBackgroundOf(app).intake, {
          body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          contentType: request.headers['content-type'],
          authorization: request.headers.authorization,
          userAgent: request.headers['user-agent'],
          glpiAgentId: request.headers['glpi-agent-id'] as string | undefined,
          remoteAddress: plainAddress(request.ip),
        });
        for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
        return reply.status(answer.status).type(answer.contentType).send(answer.body);
      },
    );
  }
  for (const url of glpiAgentPaths) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      const answer = await answerPendingQuery(app.database, parcBackgroundOf(app).intake, request.headers['glpi-request-id'] as string | undefined);
      for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
      return reply.status(answer.status).type(answer.contentType).send(answer.body);
    });
  }
}
