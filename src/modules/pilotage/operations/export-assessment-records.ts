import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { exportFormat, type ExportSource } from '../../../server/platform/export.js';
import type { SteeringDevice, UncoveredRoom } from '../../parc/index.js';
import { indicatorDefinitions, type IndicatorCode } from '../indicators/catalogue.input.js';
import { assessmentRecordsParams, getAssessmentRecords } from './get-assessment-records.js';

export const assessmentRecordsExportQuery = z.object({ format: exportFormat.default('csv') });

type RecordRow = UncoveredRoom | SteeringDevice;

/** The records behind one figure of a school (its rooms without Wi-Fi, its PCs past age…) in CSV or XLSX, as listed on its page. */
export async function exportAssessmentRecords(ctx: Ctx, params: z.infer<typeof assessmentRecordsParams>): Promise<ExportSource<RecordRow>> {
  authorize(ctx.actor, 'steering.export');
  const records = await getAssessmentRecords(ctx, params);
  const basename = `evaluation-${params.uai.toLowerCase()}-${params.code.replaceAll('_', '-')}`;
  const sheetName = indicatorDefinitions[params.code as IndicatorCode].label.slice(0, 31);
  if (records.kind === 'rooms') {
    return {
      basename,
      sheetName,
      columns: [
        { header: 'Bâtiment', value: (r) => (r as UncoveredRoom).building },
        { header: 'Salle', value: (r) => (r as UncoveredRoom).name },
        { header: 'Type de salle', value: (r) => (r as UncoveredRoom).kind },
      ],
      rows: records.rooms,
    };
  }
  return {
    basename,
    sheetName,
    columns: [
      { header: 'Équipement', value: (r) => (r as SteeringDevice).name },
      { header: 'Classe', value: (r) => (r as SteeringDevice).assetClass },
      { header: 'Statut', value: (r) => (r as SteeringDevice).status },
      { header: 'Achat', value: (r) => (r as SteeringDevice).purchaseDate },
      { header: 'Fin de garantie', value: (r) => (r as SteeringDevice).warrantyEnd },
      { header: 'Salle', value: (r) => (r as SteeringDevice).room },
    ],
    rows: records.devices,
  };
}
