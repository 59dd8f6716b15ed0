import type { ModuleActions } from '../../server/platform/authz.js';

const names = [
  'campaign.read', // the calls the actor may see (published ones, or all for their managers)
  'campaign.manage', // create, edit, open, close, reopen; forms, groups, partners, templates, webhooks
  'dossier.apply', // start, fill and submit a file for one's establishment
  'dossier.instruct', // review and decide the files routed to one's instructor group
  'dossier.read', // read files in one's scope (applicant, group, partner, expert, auditor: see campaign-access.ts)
  'dossier.export',
  'opinion.give', // answer an expert opinion one was asked for (anyone with an account)
] as const;
type CampagnesAction = (typeof names)[number];

declare module '../../server/platform/authz.js' {
  interface ActionNames extends Record<CampagnesAction, true> {}
}

const reading = ['campaign.read', 'dossier.read', 'dossier.export'] as const;

/**
 * The campaigns' actions and each role's grants. Roles say what a person may do at most; the
 * scope (campaign-access.ts) narrows it to files: membership of an instructor group, the
 * applicant's establishment, a co-reviewing partner, an opinion asked.
 */
export const campagnesActions: ModuleActions<CampagnesAction> = {
  actions: names,
  grants: {
    'authority-admin': names,
    steering: ['campaign.read', 'dossier.read', 'dossier.instruct', 'dossier.export', 'opinion.give'],
    technician: ['campaign.read', 'dossier.read', 'dossier.instruct', 'dossier.export', 'opinion.give'],
    'establishment-staff': ['campaign.read', 'dossier.read', 'dossier.apply', 'opinion.give'],
    'academy-staff': ['campaign.read', 'dossier.read', 'dossier.instruct', 'dossier.export', 'opinion.give'],
    contractor: ['campaign.read', 'dossier.read', 'opinion.give'],
    auditor: reading,
  },
  readOnly: reading,
};
