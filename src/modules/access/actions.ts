import type { ModuleActions } from '../../server/platform/authz.js';

const names = ['user.read', 'user.manage', 'token.manage'] as const;
type AccessAction = (typeof names)[number];

declare module '../../server/platform/authz.js' {
  interface ActionNames extends Record<AccessAction, true> {}
}

/** People, roles and API tokens: who may read and manage them. */
export const accessActions: ModuleActions<AccessAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    steering: ['user.read'],
    auditor: ['user.read'],
  },
  readOnly: ['user.read'],
  // managing people and tokens stays with people, whatever a token's role
  humanOnly: ['user.manage', 'token.manage'],
};
