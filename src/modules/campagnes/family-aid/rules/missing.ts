/** What a family file still lacks before it can be submitted, in the family's words. */
export interface CompletenessInput {
  pupilFirstName: string | null;
  pupilLastName: string | null;
  establishmentId: string | null;
  deviceCode: string | null;
  householdIncomeCents: number | null;
  taxNoticeDocumentId: string | null;
}

export function missingItems(file: CompletenessInput): { path: string; message: string }[] {
  const missing: { path: string; message: string }[] = [];
  if (!file.pupilFirstName || !file.pupilLastName) missing.push({ path: 'pupil', message: 'Le prénom et le nom de l’élève.' });
  if (!file.establishmentId) missing.push({ path: 'uai', message: 'Le lycée de l’élève.' });
  if (!file.deviceCode) missing.push({ path: 'device', message: 'L’équipement choisi.' });
  if (file.householdIncomeCents === null) missing.push({ path: 'householdIncomeCents', message: 'Le revenu fiscal de référence du foyer.' });
  // the aid is computed from the income, so the notice is asked whatever the income
  if (!file.taxNoticeDocumentId) missing.push({ path: 'taxNotice', message: 'L’avis d’imposition (PDF, JPEG ou PNG).' });
  return missing;
}
