import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { requireActor } from './authz.js';
import type { Ctx } from './context.js';
import { notifications } from './db-schema.js';

export interface NotificationPage {
  items: (typeof notifications.$inferSelect)[];
  total: number;
  unread: number;
}

/**
 * The notifications of the person signed in, in the active tenant, newest first. Only ever
 * one's own: the filter is the actor's id, never a parameter. An API token has none.
 */
export async function listNotifications(ctx: Ctx, input: { page: number; pageSize: number; unreadOnly?: boolean }): Promise<NotificationPage> {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  if (actor.kind !== 'user') return { items: [], total: 0, unread: 0 };
  const mine = and(eq(notifications.tenantId, actor.tenantId), eq(notifications.recipientUserId, actor.id));
  const listed = input.unreadOnly ? and(mine, isNull(notifications.readAt)) : mine;
  const [items, [{ total }], [{ unread }]] = await Promise.all([
    ctx.db
      .select()
      .from(notifications)
      .where(listed)
      .orderBy(desc(notifications.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ total: count() }).from(notifications).where(listed),
    ctx.db.select({ unread: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
  ]);
  return { items, total: Number(total), unread: Number(unread) };
}
