import { actions, can, roleLabels, type Action, type Actor } from '../../server/platform/authz.js';
import type { Identity } from './operations/resolve-actor.js';

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
    permissions: Object.fromEntries(actions.map((action) => [action, can(actor, action)])) as Record<Action, boolean>,
  };
}
