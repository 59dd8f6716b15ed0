import type { ModuleActions, Role } from '../../server/platform/authz.js';

/** The core's actions and each kind's (family aid…), as the one set a module definition declares. */
export function combineActions(...sets: ModuleActions[]): ModuleActions {
  const grants: Partial<Record<Role, ModuleActions['actions'][number][]>> = {};
  for (const set of sets) for (const [role, granted] of Object.entries(set.grants) as [Role, ModuleActions['actions']][]) grants[role] = [...(grants[role] ?? []), ...granted];
  return {
    actions: sets.flatMap((s) => s.actions),
    grants,
    readOnly: sets.flatMap((s) => s.readOnly),
    humanOnly: sets.flatMap((s) => s.humanOnly ?? []),
  };
}
