import type { ModuleActions } from '../../server/platform/authz.js';

const names = [
  'establishment.read',
  'establishment.update',
  'establishment.import',
  'establishment.export',
  'premises.manage', // buildings and rooms
  'unit.read',
  'unit.manage',
  'organization.read',
  'organization.manage',
  'audit.read', // the audit trail (routes/audit.ts)
] as const;
type ReferentielAction = (typeof names)[number];

declare module '../../server/platform/authz.js' {
  interface ActionNames extends Record<ReferentielAction, true> {}
}

const reading = ['establishment.read', 'establishment.export', 'unit.read', 'organization.read'] as const;
const readingAll = [...reading, 'audit.read'] as const;

/** The référentiel's actions and each role's grants on them. */
export const referentielActions: ModuleActions<ReferentielAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    steering: readingAll,
    technician: ['establishment.read', 'establishment.export', 'premises.manage', 'unit.read', 'organization.read'],
    'establishment-staff': ['establishment.read', 'premises.manage', 'organization.read'],
    'academy-staff': reading,
    contractor: ['establishment.read', 'organization.read'],
    auditor: readingAll,
  },
  readOnly: readingAll,
};
