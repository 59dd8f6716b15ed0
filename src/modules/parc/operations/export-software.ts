import type { ExportColumn } from '../../../server/platform/export.js';
import type { Ctx } from '../../../server/platform/context.js';
import { findSoftware } from './find-software.js';

/** A catalogue holds some tens of thousands of products: read by pages of the list, same scope and search. */
export const maxSoftwareExportRows = 100_000;
const exportPage = 500;

export type SoftwareExportRow = Awaited<ReturnType<typeof findSoftware>>['items'][number];

export async function exportSoftware(ctx: Ctx, input: { search?: string }): Promise<SoftwareExportRow[]> {
  const all: SoftwareExportRow[] = [];
  for (let page = 1; all.length < maxSoftwareExportRows; page++) {
    const { items } = await findSoftware(ctx, { search: input.search, page, pageSize: exportPage });
    all.push(...items);
    if (items.length < exportPage) break;
  }
  return all;
}

export const softwareColumns: ExportColumn<SoftwareExportRow>[] = [
  { header: 'Logiciel', value: (r) => r.name },
  { header: 'Éditeur', value: (r) => r.publisher },
  { header: 'Équipements', value: (r) => r.devices },
  { header: 'Versions', value: (r) => r.versions },
];
