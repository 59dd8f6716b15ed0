import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses, pageQuery, setNoStore } from './http.js';
import { listNotifications } from './notification-list.js';
import { markAllNotificationsRead, markNotificationRead } from './notification-read.js';

const notificationSchema = z.object({
  id: z.number(),
  at: z.string(),
  module: z.string(),
  kind: z.string(),
  /** The record it is about (a ticket, a file…) and its page in the application. */
  refType: z.string(),
  refId: z.string(),
  /** Kept for the desk's clients: the ticket's id when the notification is about a ticket. */
  ticketId: z.string().nullable(),
  link: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  readAt: z.string().nullable(),
});

/** The notifications menu, for every module: one's own notifications only (see notification-list.ts). */
export async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      schema: {
        operationId: 'listMyNotifications',
        tags,
        summary: 'Mes notifications, les plus récentes d’abord, et le nombre de non lues',
        querystring: pageQuery.extend({ unread: z.enum(['true', 'false']).optional() }),
        response: {
          200: z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      setNoStore(reply);
      const { page, pageSize, unread } = request.query;
      const found = await listNotifications(ctxOf(fastify, request), { page, pageSize, unreadOnly: unread === 'true' });
      return {
        items: found.items.map((n) => ({
          id: n.id,
          at: n.at.toISOString(),
          module: n.module,
          kind: n.kind,
          refType: n.refType,
          refId: n.refId,
          ticketId: n.refType === 'ticket' ? n.refId : null,
          link: n.link,
          subject: n.subject,
          body: n.body,
          readAt: n.readAt?.toISOString() ?? null,
        })),
        total: found.total,
        unread: found.unread,
        page,
        pageSize,
      };
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        tags,
        summary: 'Marquer une de mes notifications comme lue',
        params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: z.object({ read: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      await markNotificationRead(ctxOf(fastify, request), request.params.id);
      return { read: true as const };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        operationId: 'markAllNotificationsRead',
        tags,
        summary: 'Marquer toutes mes notifications comme lues',
        response: { 200: z.object({ marked: z.number() }), ...errorResponses },
      },
    },
    async (request) => ({ marked: await markAllNotificationsRead(ctxOf(fastify, request)) }),
  );
}
