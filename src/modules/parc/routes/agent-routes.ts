import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../server/platform/http.js';
import { receiveAgentMessage } from '../operations/receive-agent-message.js';

/** Where deployed agents already point: OCS's, GLPI's (FusionInventory) and GLPI Agent's paths. */
export const agentPaths = ['/ocsinventory', '/front/inventory.php', '/api/v1/inventory'] as const;
const maxAgentBody = 32 * 1024 * 1024;

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
            "Protocole des agents : XML compressé (PROLOG puis INVENTORY) ou JSON GLPI Agent (CONTACT puis inventaire, zlib, gzip ou brut). Authentification HTTP Basic (utilisateur « code-collectivité » ou « code-collectivité/nom »), ou étiquette (UAI) quand la collectivité l'accepte.",
          security: [],
        },
      },
      async (request, reply) => {
        const answer = await receiveAgentMessage(ctxOf(app, request), app.database, {
          body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          contentType: request.headers['content-type'],
          authorization: request.headers.authorization,
          userAgent: request.headers['user-agent'],
          glpiAgentId: request.headers['glpi-agent-id'] as string | undefined,
          remoteAddress: request.ip,
        });
        for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
        return reply.status(answer.status).type(answer.contentType).send(answer.body);
      },
    );
  }
}
