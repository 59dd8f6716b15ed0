import type { ModuleActions } from '../../server/platform/authz.js';

const names = [
  'ticket.read', // tickets in the ticket scope (see ticket-access.ts)
  'ticket.create',
  'ticket.comment', // public follow-ups and attachments
  'ticket.handle', // status, qualification, escalation, tasks, private follow-ups, major incidents
  'ticket.private.read', // private follow-ups, tasks and internal reasons
  'ticket.export',
  'desk.configure', // support teams, categories, agreements, priority matrix
] as const;
type GuichetAction = (typeof names)[number];

declare module '../../server/platform/authz.js' {
  interface ActionNames extends Record<GuichetAction, true> {}
}

const reading = ['ticket.read', 'ticket.private.read', 'ticket.export'] as const;

/** The service desk's actions and each role's grants on them. */
export const guichetActions: ModuleActions<GuichetAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    steering: reading,
    technician: ['ticket.read', 'ticket.create', 'ticket.comment', 'ticket.handle', 'ticket.private.read', 'ticket.export'],
    'establishment-staff': ['ticket.read', 'ticket.create', 'ticket.comment'],
    'academy-staff': ['ticket.read', 'ticket.create', 'ticket.comment', 'ticket.handle', 'ticket.private.read', 'ticket.export'],
    contractor: ['ticket.read', 'ticket.comment', 'ticket.handle', 'ticket.private.read'],
    auditor: reading,
  },
  readOnly: reading,
};
