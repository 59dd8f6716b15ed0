import type { DossierAccess } from '../campaign-access.js';

/**
 * A family's income, tax notice and identity are for the campaign's instructors (and the family
 * itself) only: never the school, never a co-reviewing partner, nor those who read every file
 * (auditor, steering), whose reads show the file's state and figures without the person.
 */
export const personalDocumentKeys: readonly string[] = ['tax-notice'];
export const hiddenApplicantLabel = 'Famille (identité réservée aux instructeurs)';

export function seesPersonalData(campaign: { kind: string }, access: Pick<DossierAccess, 'instructor' | 'applicant'>): boolean {
  return campaign.kind !== 'family-aid' || access.instructor || access.applicant;
}

export const isPersonalDocument = (doc: { fieldKey: string | null }) => doc.fieldKey !== null && personalDocumentKeys.includes(doc.fieldKey);
