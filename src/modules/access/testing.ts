import type { Actor } from '../../server/platform/authz.js';
import { systemCtx, type Clock, type Ctx } from '../../server/platform/context.js';
import type { Database, Db } from '../../server/platform/db.js';
import { createSession } from './operations/create-session.js';
import { actorFor, identityFromSession } from './operations/resolve-actor.js';

/** Test support: a context acting as a user in one tenant (through a real session), as routes would. */
export async function actorCtx(handle: Db | Database, userId: string, tenantCode?: string, now?: Clock): Promise<Ctx & { actor: Actor }> {
  const ctx = systemCtx(handle, now);
  const db = ctx.db;
  const { sessionToken } = await createSession(ctx, { userId, method: 'password' });
  const identity = await identityFromSession(ctx, sessionToken);
  const actor = identity ? await actorFor(db, identity, tenantCode) : null;
  if (!actor) throw new Error(`no role for ${userId} in ${tenantCode ?? 'any tenant'}`);
  return { ...ctx, actor };
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-03-02T08:00:00Z')) {
  let current = start.getTime();
  const clock: Clock = () => new Date(current);
  return { clock, advance: (ms: number) => void (current += ms) };
}
