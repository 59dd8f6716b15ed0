import { and, count, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { ctxOf, errorResponses, pageQuery } from '../../../server/platform/http.js';
import { auditEventSchema, presentAuditEvent } from '../presenters/related.js';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        operationId: 'listAuditEvents',
        tags: ['référentiel'],
        summary: 'Journal de toutes les modifications de la collectivité active',
        querystring: pageQuery.extend({ entityType: z.string().max(40).optional() }),
        response: { 200: z.object({ items: z.array(auditEventSchema), total: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'audit.read');
      const { page, pageSize, entityType } = request.query;
      const where = and(eq(auditEvents.tenantId, ctx.actor.tenantId), entityType ? eq(auditEvents.entityType, entityType) : undefined);
      const [items, [{ total }]] = await Promise.all([
        ctx.db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(pageSize).offset((page - 1) * pageSize),
        ctx.db.select({ total: count() }).from(auditEvents).where(where),
      ]);
      return { items: items.map(presentAuditEvent), total };
    },
  );
}
