import type { z } from 'zod';
import { pagedRows, type ExportColumn, type ExportFormat, type ExportSource } from '../../../server/platform/export.js';
import type { Ctx } from '../../../server/platform/context.js';
import { pupilsPer } from '../lifecycle/fleet-sets.js';
import { decimal } from './export-cells.js';
import { findFleetEstablishments, fleetEstablishmentsInput } from './find-fleet-establishments.js';
import { displayName } from '../../../shared/display-name.js';

/** A Région has some hundreds of schools: the list's pages, read in full, same filters, order and scope. */
export const maxFleetEstablishmentRows = 5_000;
const exportPage = 500;

export const fleetEstablishmentsExportInput = fleetEstablishmentsInput.omit({ page: true, pageSize: true });

type Result = Awaited<ReturnType<typeof findFleetEstablishments>>;
export type FleetEstablishmentExportRow = Result['items'][number];

export async function exportFleetEstablishments(
  ctx: Ctx,
  input: z.infer<typeof fleetEstablishmentsExportInput> & { format: ExportFormat },
): Promise<ExportSource<FleetEstablishmentExportRow>> {
  const { format, ...filters } = input;
  let osFilter: Result['osFilter'] = null;
  const read = async (page: number) => {
    const result = await findFleetEstablishments(ctx, { ...filters, page, pageSize: exportPage });
    osFilter = result.osFilter;
    return result.items;
  };
  const rows = await pagedRows(read, { pageSize: exportPage, maxRows: maxFleetEstablishmentRows }); // the first page names the system filter
  return { basename: 'parc-par-etablissement', sheetName: 'Parc par établissement', columns: fleetEstablishmentColumns(format, osFilter), rows };
}

/** The list's figures, one school a line; with a system filter, a column of its devices. */
export function fleetEstablishmentColumns(format: ExportFormat, osFilter: Result['osFilter']): ExportColumn<FleetEstablishmentExportRow>[] {
  const columns: ExportColumn<FleetEstablishmentExportRow>[] = [
    { header: 'UAI', value: (r) => r.uai },
    { header: 'Établissement', value: (r) => r.name && displayName(r.name) },
    { header: 'Élèves', value: (r) => r.pupils },
    { header: 'Équipements', value: (r) => r.devices },
    { header: 'Ordinateurs utilisables', value: (r) => r.computers },
    { header: 'Tablettes utilisables', value: (r) => r.tablets },
    { header: 'Élèves par ordinateur', value: (r) => decimal(format, pupilsPer(r.pupils, r.computers)) },
    { header: 'Élèves par équipement', value: (r) => decimal(format, pupilsPer(r.pupils, r.computers + r.tablets)) },
    { header: 'Hors garantie', value: (r) => r.outOfWarranty },
    { header: 'À renouveler cette année', value: (r) => r.dueThisYear },
  ];
  if (osFilter) {
    const system = [osFilter.name, osFilter.version].filter(Boolean).join(' ');
    columns.push({ header: `Équipements sous ${system}`, value: (r) => r.osDevices });
  }
  return columns;
}
