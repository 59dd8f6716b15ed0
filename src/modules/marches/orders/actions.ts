import type { ModuleActions } from '../../../server/platform/authz.js';

/*
 * The actions of orders, budgets, deliveries, invoices, network links and digital resources.
 * The module's actions.ts gathers them with the contracts' own (one place per module for grants).
 */
const names = [
  'link.read',
  'link.manage', // record, change and end a site's link; the school's share of a saving
  'order.read', // a member's own orders and budget lines; a holder's orders addressed to it
  'order.place', // draft, sign, send and cancel an order for one's own organization (or one that delegated it)
  'order.fulfil', // the holder: acknowledge and record deliveries
  'budget.manage', // budget lines, delegations, invoices, the consumption of every member
  'resource.read',
  'resource.choose', // a school picks titles and quantities
  'resource.manage', // the catalogue, consolidation into orders, ENT waves
] as const;
export type OrdersAction = (typeof names)[number];

declare module '../../../server/platform/authz.js' {
  interface ActionNames extends Record<OrdersAction, true> {}
}

export const ordersActions: ModuleActions<OrdersAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    steering: ['link.read', 'order.read', 'resource.read'],
    technician: ['link.read', 'order.read', 'resource.read'],
    'establishment-staff': ['link.read', 'order.read', 'resource.read', 'resource.choose'],
    'academy-staff': ['link.read', 'order.read', 'order.place', 'resource.read'],
    contractor: ['order.read', 'order.fulfil'],
    buyer: ['link.read', 'link.manage', 'order.read', 'order.place', 'budget.manage', 'resource.read', 'resource.manage'],
    auditor: ['link.read', 'order.read', 'resource.read'],
  },
  readOnly: ['link.read', 'order.read', 'resource.read'],
};
