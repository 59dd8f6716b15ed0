import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { findLoginLocks, loginLockParams, unlockLogin } from '../operations/login-locks.js';

const lockSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  address: z.string().nullable(),
  failures: z.number(),
  lockedUntil: z.string(),
  addressLockedUntil: z.string().nullable(),
});

/** The administrators' view of accounts locked out by failed passwords, and the unlock action. */
export async function loginLockRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['utilisateurs'];

  app.get(
    '/login-locks',
    {
      schema: {
        operationId: 'listLoginLocks',
        tags,
        summary: 'Comptes de la collectivité bloqués après des mots de passe erronés (par adresse réseau), jusqu’à quand',
        response: { 200: z.object({ items: z.array(lockSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await findLoginLocks(ctxOf(fastify, request))).map((l) => ({
        ...l,
        lockedUntil: l.lockedUntil.toISOString(),
        addressLockedUntil: l.addressLockedUntil?.toISOString() ?? null,
      })),
    }),
  );

  app.delete(
    '/login-locks/:id',
    {
      schema: {
        operationId: 'unlockLogin',
        tags,
        summary: 'Débloque un compte depuis une adresse (et l’adresse elle-même) : la personne peut se reconnecter aussitôt',
        params: loginLockParams,
        response: { 200: z.object({ unlocked: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => unlockLogin(ctxOf(fastify, request), request.params),
  );
}
