import { pagedRows, type ExportColumn, type ExportSource } from '../../../server/platform/export.js';
import type { Ctx } from '../../../server/platform/context.js';
import { findSoftware } from './find-software.js';

/** A catalogue holds some tens of thousands of products: read by pages of the list, same scope and search. */
export const maxSoftwareExportRows = 100_000;
const exportPage = 500;

export type SoftwareExportRow = Awaited<ReturnType<typeof findSoftware>>['items'][number];

export async function exportSoftware(ctx: Ctx, input: { search?: string }): Promise<ExportSource<SoftwareExportRow>> {
  const read = async (page: number) => (await findSoftware(ctx, { search: input.search, page, pageSize: exportPage })).items;
  const rows = await pagedRows(read, { pageSize: exportPage, maxRows: maxSoftwareExportRows });
  return { basename: 'logiciels', sheetName: 'Logiciels', columns: softwareColumns, rows };
}

export const softwareColumns: ExportColumn<SoftwareExportRow>[] = [
  { header: 'Logiciel', value: (r) => r.name },
  { header: 'Éditeur', value: (r) => r.publisher },
  { header: 'Équipements', value: (r) => r.devices },
  { header: 'Versions', value: (r) => r.versions },
];
