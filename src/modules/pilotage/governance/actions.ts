import type { Role } from '../../../shared/roles.js';

/**
 * Governance's and the Métropole catalogue's actions, gathered into the module's one list in
 * ../actions.ts. Scope narrows them further: governance needs a role held for the whole authority
 * (governance/access.ts); a commune's role reads its own commune only (metropole/access.ts).
 */
export const governanceActionNames = [
  'governance.read', // agreements, bodies, meetings, votes, actions, data packs
  'governance.manage', // the same, written: meetings held, votes recorded, data packs issued
  'metropole.read', // the catalogue, the communes' membership and the service each got
  'metropole.manage', // services, cycles, memberships and subscriptions
] as const;
export type GovernanceAction = (typeof governanceActionNames)[number];

export const governanceGrants: Partial<Record<Role, readonly GovernanceAction[]>> = {
  'authority-admin': governanceActionNames,
  steering: governanceActionNames,
  auditor: ['governance.read', 'metropole.read'],
};
export const governanceReading = ['governance.read', 'metropole.read'] as const;
