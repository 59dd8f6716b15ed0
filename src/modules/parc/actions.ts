import type { ModuleActions } from '../../server/platform/authz.js';

const names = [
  'asset.read',
  'asset.update',
  'inventory.manage', // agent credentials, tags, networks, unassigned reports
] as const;
type ParcAction = (typeof names)[number];

declare module '../../server/platform/authz.js' {
  interface ActionNames extends Record<ParcAction, true> {}
}

/** The fleet's actions and each role's grants on them. */
export const parcActions: ModuleActions<ParcAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    steering: ['asset.read'],
    technician: ['asset.read', 'asset.update'],
    'establishment-staff': ['asset.read'],
    contractor: ['asset.read'],
    auditor: ['asset.read'],
  },
  readOnly: ['asset.read'],
};
