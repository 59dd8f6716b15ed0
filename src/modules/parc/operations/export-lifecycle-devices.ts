import { mapRows, type ExportColumn, type ExportFormat, type ExportSource } from '../../../server/platform/export.js';
import { streamRows } from '../../../server/platform/query-stream.js';
import type { Ctx } from '../../../server/platform/context.js';
import { deviceLifecycle, type AgeSource, type DeviceLifecycle, type WarrantyState } from '../lifecycle/device-lifecycle.js';
import { classLabelOf, decimal, frenchDate, statusLabelOf } from './export-cells.js';
import { lifecycleDevicesInput, lifecycleSelection, type LifecycleFilters } from './find-lifecycle-devices.js';
import { displayName } from '../../../shared/display-name.js';

/** Same ceiling as the device list's export: a Région's whole fleet fits. */
export const maxLifecycleRows = 200_000;

export const lifecycleDevicesExportInput = lifecycleDevicesInput.omit({ page: true, pageSize: true });

type Selected = Awaited<ReturnType<Awaited<ReturnType<typeof lifecycleSelection>>['rows']>>[number];
export type LifecycleExportRow = Selected & { lifecycle: DeviceLifecycle };

/** Every device of the lifecycle list, same filters, order and scope, read through one cursor as the file is written. */
export async function exportLifecycleDevices(ctx: Ctx, input: LifecycleFilters & { format: ExportFormat }): Promise<ExportSource<LifecycleExportRow>> {
  const { format, ...filters } = input;
  const { rows, expectedLife, now } = await lifecycleSelection(ctx, filters);
  const selected = streamRows(ctx.db, rows().limit(maxLifecycleRows));
  return {
    basename: 'cycle-de-vie',
    sheetName: 'Cycle de vie',
    columns: lifecycleColumns(format),
    rows: mapRows(selected, (row) => ({ ...row, lifecycle: deviceLifecycle(row, expectedLife, now) })),
  };
}

const warrantyLabels: Record<WarrantyState, string> = { covered: 'Sous garantie', expired: 'Expirée', unknown: 'Inconnue' };
const ageSourceLabels: Record<AgeSource, string> = { purchase: 'Achat', 'first-inventory': 'Premier inventaire' };

export function lifecycleColumns(format: ExportFormat): ExportColumn<LifecycleExportRow>[] {
  return [
    { header: 'UAI', value: (r) => r.uai },
    { header: 'Établissement', value: (r) => r.establishmentName && displayName(r.establishmentName) },
    { header: 'Nom', value: (r) => r.name },
    { header: 'N° de série', value: (r) => r.serial },
    { header: 'Type', value: (r) => classLabelOf(r.assetClass) },
    { header: 'Statut', value: (r) => statusLabelOf(r.status) },
    { header: 'Date d’achat', value: (r) => frenchDate(r.purchaseDate) },
    { header: 'Âge compté depuis', value: (r) => (r.lifecycle.ageSource ? ageSourceLabels[r.lifecycle.ageSource] : null) },
    { header: 'Début de l’âge', value: (r) => frenchDate(r.lifecycle.ageStart) },
    { header: 'Âge (ans)', value: (r) => decimal(format, r.lifecycle.ageYears) },
    { header: 'Durée de vie attendue (ans)', value: (r) => r.lifecycle.expectedLifeYears },
    { header: 'Année de renouvellement', value: (r) => r.lifecycle.renewalYear },
    { header: 'Fin de garantie', value: (r) => frenchDate(r.warrantyEnd) },
    { header: 'Garantie', value: (r) => warrantyLabels[r.lifecycle.warranty] },
  ];
}
