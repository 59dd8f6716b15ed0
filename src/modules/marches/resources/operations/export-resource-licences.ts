import { exportFormat, type ExportSource } from '../../../../server/platform/export.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { licencesInput } from '../resource.input.js';
import { findResourceLicences } from './find-resource-licences.js';

export const exportLicencesInput = licencesInput.extend({ format: exportFormat.default('csv') });

type School = Awaited<ReturnType<typeof findResourceLicences>>['schools'][number];
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const decimal = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));
const sourceLabels = { referentiel: 'Référentiel', declared: 'Déclaré par l’établissement' } as const;

/** Licences per school and per pupil of a resources contract (the Licences tab), same scope, as CSV or XLSX. */
export async function exportResourceLicences(ctx: Ctx, input: { contractId: string }): Promise<ExportSource<School>> {
  const licences = await findResourceLicences(ctx, input);
  return {
    basename: `licences-${licences.contractReference.toLowerCase()}`,
    sheetName: 'Licences',
    rows: licences.schools,
    columns: [
      { header: 'UAI', value: (s) => s.uai },
      { header: 'Établissement', value: (s) => s.name },
      { header: 'Élèves', value: (s) => s.pupils || null },
      { header: 'Source de l’effectif', value: (s) => (s.pupilsSource ? sourceLabels[s.pupilsSource] : 'Inconnu') },
      { header: 'Effectifs déclarés par niveau', value: (s) => s.declaredByLevel },
      { header: 'Licences', value: (s) => s.licences },
      { header: 'Licences commandées', value: (s) => s.ordered },
      { header: 'Licences par élève', value: (s) => decimal(s.licencesPerPupil) },
      { header: 'Titres papier', value: (s) => s.paperTitles },
      { header: 'Montant HT (EUR)', value: (s) => euros(s.amountCents) },
    ],
  };
}
