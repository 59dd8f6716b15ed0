/** The four kinds of call (no database import: the web's campaign form validates with the same list). */
export const campaignKinds = ['renewal', 'project', 'candidature', 'family-aid'] as const;
export type CampaignKind = (typeof campaignKinds)[number];
