import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { exportFormat, maxExportRows, type ExportSource } from '../../../server/platform/export.js';
import { financingLabels, operationFilterInput, operationLabels, type OperationKind } from './ppi.input.js';
import { loadScenario } from './ppi-store.js';
import { readOperationRows, type OperationRow } from './read-ppi.js';

export const operationsExportQuery = operationFilterInput.extend({ format: exportFormat.default('csv') });

const euros = (cents: number) => cents / 100;
/** A scenario's name in a file name: « Serré 2027 » gives serre-2027. */
const fileSlug = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';

/** A scenario's operations under the list's filter, every page, by priority, as CSV or XLSX. */
export async function exportPpiOperations(ctx: Ctx, scenarioId: string, query: z.infer<typeof operationsExportQuery>): Promise<ExportSource<OperationRow>> {
  authorize(ctx.actor, 'ppi.read');
  authorize(ctx.actor, 'steering.export');
  const scenario = await loadScenario(ctx.db, ctx.actor.tenantId, scenarioId);
  const operations = await readOperationRows(ctx.db, ctx.actor.tenantId, scenarioId, query, maxExportRows, 0);
  const suffix = query.year === undefined ? '' : `-${query.year === 'unscheduled' ? 'hors-plan' : query.year}`;
  return {
    basename: `ppi-operations-${fileSlug(scenario.name)}${suffix}`,
    sheetName: 'Opérations',
    columns: [
      { header: 'UAI', value: (o) => o.uai },
      { header: 'Établissement', value: (o) => o.name },
      { header: 'Opération', value: (o) => operationLabels[o.kind as OperationKind] ?? o.kind },
      { header: 'Quantité', value: (o) => o.quantity },
      { header: 'Coût unitaire (€)', value: (o) => euros(o.unitCostCents) },
      { header: 'Coût (€)', value: (o) => euros(o.costCents) },
      { header: 'Base du coût', value: (o) => o.costBasis },
      { header: 'Priorité', value: (o) => o.priority },
      { header: 'Année', value: (o) => (o.year === null ? 'Non programmée' : o.year) },
      { header: 'Financé (€)', value: (o) => euros(o.financedCents) },
      { header: 'Financement', value: (o) => o.financing.map((l) => `${financingLabels[l.source] ?? l.source}${l.partnerName ? ` (${l.partnerName})` : ''} : ${euros(l.amountCents)} €`).join(' ; ') },
    ],
    rows: operations,
  };
}
