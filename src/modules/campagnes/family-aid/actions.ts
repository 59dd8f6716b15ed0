import type { ModuleActions } from '../../../server/platform/authz.js';

const names = [
  'family-aid.apply', // a family's own files: start, fill, attach the tax notice, submit, read back
  'family-aid.instruct', // personal data (income, tax notice, identity) and the social fund: the campaign's instructors only
  'family-aid.deliver', // the handover at school: the pupil's school staff records the serial
  'family-aid.dashboard', // anonymous figures: files by state, pupils equipped, device split, totals
] as const;
type FamilyAidAction = (typeof names)[number];

declare module '../../../server/platform/authz.js' {
  interface ActionNames extends Record<FamilyAidAction, true> {}
}

/**
 * The family aid's actions. `family-aid.instruct` is a role's ceiling only: the operations add
 * the campaign's instructor groups (an administrator of the authority, or a member of one of the
 * campaign's groups), so a technician of another call never reads a family's income.
 */
export const familyAidActions: ModuleActions<FamilyAidAction> = {
  actions: names,
  grants: {
    // an administrator instructs and counts, but applies for no family: the family's routes are the family's own
    'authority-admin': ['family-aid.instruct', 'family-aid.deliver', 'family-aid.dashboard'],
    steering: ['family-aid.dashboard'],
    technician: ['family-aid.instruct', 'family-aid.dashboard'],
    'academy-staff': ['family-aid.instruct', 'family-aid.dashboard'],
    'establishment-staff': ['family-aid.deliver'],
    auditor: ['family-aid.dashboard'],
    family: ['family-aid.apply'],
  },
  readOnly: ['family-aid.dashboard'],
  humanOnly: ['family-aid.apply'],
};
