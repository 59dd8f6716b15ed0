import type { ModuleActions, Role } from '../../server/platform/authz.js';
import { ordersActions } from './orders/actions.js';

const names = [
  'contract.read', // contracts, lots, price lists, amendments in the actor's contract scope (contract-access.ts)
  'contract.manage', // create and edit contracts, lots, price lists; append amendments (its buyer organization only)
  'contract.export', // CSV/XLSX and the DECP
  'group.read', // purchasing groups, their members and decisions
  'group.manage', // create a group, admit members, name project leads (the coordinator)
  'group.vote', // propose and vote decisions for one's member organization
] as const;
type MarchesAction = (typeof names)[number];

declare module '../../server/platform/authz.js' {
  interface ActionNames extends Record<MarchesAction, true> {}
}

const reading = ['contract.read', 'contract.export', 'group.read'] as const;

/** Contracts and purchasing groups: actions and each role's grants. Scope narrows them to records. */
const contractActions: ModuleActions<MarchesAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    buyer: names,
    steering: reading,
    technician: ['contract.read', 'group.read'],
    contractor: ['contract.read'],
    auditor: reading,
  },
  readOnly: reading,
};

/** The contracts' actions with those of orders, links and resources (orders/actions.ts), one list for the module. */
export const marchesActions: ModuleActions = {
  actions: [...contractActions.actions, ...ordersActions.actions],
  grants: Object.fromEntries(
    [...new Set([...Object.keys(contractActions.grants), ...Object.keys(ordersActions.grants)])].map((role) => [
      role,
      [...(contractActions.grants[role as Role] ?? []), ...(ordersActions.grants[role as Role] ?? [])],
    ]),
  ),
  readOnly: [...contractActions.readOnly, ...ordersActions.readOnly],
};
