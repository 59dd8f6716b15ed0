import type { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { authorize } from '../../../server/platform/authz.js';
import { maxExportRows, type ExportSource } from '../../../server/platform/export.js';
import { streamRows } from '../../../server/platform/query-stream.js';
import { establishments } from '../db/schema.js';
import { establishmentColumns, exportedEstablishmentFields, type ExportedEstablishment } from '../export-columns.js';
import { establishmentFilters, establishmentOrder, establishmentWhere } from './find-establishments.js';

export const establishmentsExportInput = establishmentFilters;

/** The list's schools, same filters, order and scope, read through one cursor as the file is written. */
export async function exportEstablishments(ctx: Ctx, filters: z.infer<typeof establishmentsExportInput>): Promise<ExportSource<ExportedEstablishment>> {
  authorize(ctx.actor, 'establishment.export');
  const query = ctx.db
    .select(exportedEstablishmentFields)
    .from(establishments)
    .where(establishmentWhere(ctx, filters))
    .orderBy(...establishmentOrder(filters))
    .limit(maxExportRows);
  return { basename: 'etablissements', sheetName: 'Établissements', columns: establishmentColumns, rows: streamRows(ctx.db, query) };
}
