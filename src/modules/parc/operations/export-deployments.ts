import type { z } from 'zod';
import { mapRows, pagedRows, type ExportColumn, type ExportSource } from '../../../server/platform/export.js';
import type { Ctx } from '../../../server/platform/context.js';
import { batchCountsOf } from './batch-counts.js';
import { classLabelOf, frenchDateTime, yesNo } from './export-cells.js';
import { findDeploymentBatches, findDeploymentsInput } from './find-deployment-batches.js';
import { batchProgress, type BatchProgress } from '../lifecycle/deployment-progress.js';
import { displayName } from '../../../shared/display-name.js';

/** A campaign is some hundreds of site deliveries: the list's pages, read in full, same filters and scope. */
export const maxDeploymentRows = 20_000;
const exportPage = 500;

export const deploymentsExportInput = findDeploymentsInput.omit({ page: true, pageSize: true });

type Batch = Awaited<ReturnType<typeof findDeploymentBatches>>['items'][number];
export type DeploymentExportRow = Batch & { progress: BatchProgress; steps: ReturnType<typeof batchCountsOf>['steps'] };

/** Every delivery of the list (late ones first, as on screen) with its progress against the deadline. */
export async function exportDeployments(ctx: Ctx, filters: z.infer<typeof deploymentsExportInput>): Promise<ExportSource<DeploymentExportRow>> {
  const read = async (page: number) => {
    const { items, now } = await findDeploymentBatches(ctx, { ...filters, page, pageSize: exportPage });
    return items.map((b) => ({ b, now }));
  };
  const batches = await pagedRows(read, { pageSize: exportPage, maxRows: maxDeploymentRows });
  const rows = mapRows(batches, ({ b, now }): DeploymentExportRow => {
    const counts = batchCountsOf(b);
    return { ...b, steps: counts.steps, progress: batchProgress({ expectedCount: b.expectedCount, deliveredAt: b.deliveredAt, deadlineHours: b.deadlineHours, ...counts }, now) };
  });
  return { basename: 'deploiements', sheetName: 'Déploiements', columns: deploymentColumns, rows };
}

export const deploymentColumns: ExportColumn<DeploymentExportRow>[] = [
  { header: 'UAI', value: (r) => r.uai },
  { header: 'Établissement', value: (r) => displayName(r.establishmentName) },
  { header: 'Livraison', value: (r) => r.label },
  { header: 'Type', value: (r) => classLabelOf(r.assetClass) },
  { header: 'Référence de commande', value: (r) => r.orderReference },
  { header: 'Livrée le', value: (r) => frenchDateTime(r.deliveredAt) },
  { header: 'Délai de mise en service (heures)', value: (r) => r.deadlineHours },
  { header: 'Échéance', value: (r) => frenchDateTime(r.progress.deadlineAt) },
  { header: 'Attendus', value: (r) => r.expectedCount },
  { header: 'Enregistrés', value: (r) => r.progress.registered },
  { header: 'Livrés', value: (r) => r.steps.delivered },
  { header: 'Installés', value: (r) => r.steps.installed },
  { header: 'Masterisés', value: (r) => r.steps.imaged },
  { header: 'En service', value: (r) => r.steps['in-service'] },
  { header: 'Restants', value: (r) => r.progress.remaining },
  { header: 'En service dans le délai', value: (r) => r.onTime },
  { header: 'Terminée', value: (r) => yesNo(r.progress.complete) },
  { header: 'En retard', value: (r) => yesNo(r.progress.late) },
  { header: 'Heures de retard', value: (r) => r.progress.hoursLate },
];
