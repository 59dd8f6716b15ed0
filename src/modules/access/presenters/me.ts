import { z } from 'zod';
import { allActions, can, roleLabels, roles, type Action, type Actor } from '../../../server/platform/authz.js';
import type { Identity } from '../operations/resolve-actor.js';

/** Built when the routes register, once the modules' actions are gathered (registerActions). */
export const meSchema = () => z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string() }),
  tenants: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), roles: z.array(z.enum(roles)), roleLabels: z.array(z.string()) }),
  ),
  activeTenant: z.object({ id: z.string(), code: z.string() }).nullable(),
  assignments: z.array(
    z.object({ role: z.enum(roles), roleLabel: z.string(), organizationCode: z.string(), establishmentId: z.string().nullable(), level: z.number().nullable() }),
  ),
  /** Every action of every module, and whether this person may perform it here (the UI's source of truth). */
  permissions: z.record(z.enum(allActions() as [Action, ...Action[]]), z.boolean()),
});

export function presentMe(identity: Identity, actor: Actor | null) {
  return {
    user: identity.user,
    tenants: identity.tenants.map((t) => ({ ...t, roleLabels: t.roles.map((r) => roleLabels[r]) })),
    activeTenant: actor ? { id: actor.tenantId, code: actor.tenantCode } : null,
    assignments: (actor?.assignments ?? []).map((a) => ({
      role: a.role,
      roleLabel: roleLabels[a.role],
      organizationCode: a.organizationCode,
      establishmentId: a.establishmentId,
      level: a.level,
    })),
    /** What the UI may offer: the server checks again on every call. */
    permissions: Object.fromEntries(allActions().map((action) => [action, can(actor, action)])) as Record<Action, boolean>,
  };
}
