import type { ModuleActions } from '../../server/platform/authz.js';
import { governanceActionNames, governanceGrants, governanceReading } from './governance/actions.js';

const names = [
  'steering.read', // assessments, dashboards, map, snapshots of the schools in the actor's scope
  'steering.export',
  'target.manage', // target profiles and their versions, cost references, school context (IPS, ENT...)
  'ppi.read',
  'ppi.manage', // scenarios, operations, financing
  'ppi.vote', // records the assembly's vote: freezes a scenario and its target versions
  ...governanceActionNames,
] as const;
type PilotageAction = (typeof names)[number];

declare module '../../server/platform/authz.js' {
  interface ActionNames extends Record<PilotageAction, true> {}
}

const reading = ['steering.read', 'steering.export', 'ppi.read'] as const;

/** The steering's actions and each role's grants; scope (authz.establishmentScope) narrows the schools. */
export const pilotageActions: ModuleActions<PilotageAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    steering: names,
    technician: ['steering.read'],
    'establishment-staff': ['steering.read', 'steering.export'],
    'academy-staff': ['steering.read', 'steering.export'],
    auditor: [...reading, ...(governanceGrants.auditor ?? [])],
  },
  readOnly: [...reading, ...governanceReading],
};
