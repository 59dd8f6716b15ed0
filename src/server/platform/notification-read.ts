import { and, eq, isNull } from 'drizzle-orm';
import { requireActor } from './authz.js';
import type { Ctx } from './context.js';
import { forbidden, notFound } from './errors.js';
import { notifications } from './db-schema.js';

/** Marks one of one's own notifications read; another person's is "not found". Idempotent. */
export async function markNotificationRead(ctx: Ctx, id: number): Promise<void> {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw forbidden("Un jeton d'API n'a pas de notifications.");
  const mine = and(eq(notifications.tenantId, actor.tenantId), eq(notifications.recipientUserId, actor.id), eq(notifications.id, id));
  const [found] = await ctx.db.select({ readAt: notifications.readAt }).from(notifications).where(mine);
  if (!found) throw notFound('Notification');
  if (!found.readAt) await ctx.db.update(notifications).set({ readAt: ctx.now() }).where(mine);
}

/** Marks every unread notification of the person read; returns how many were. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<number> {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw forbidden("Un jeton d'API n'a pas de notifications.");
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(eq(notifications.tenantId, actor.tenantId), eq(notifications.recipientUserId, actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}
