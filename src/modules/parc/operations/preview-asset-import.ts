import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { importFieldNames, importFields, suggestMapping, type ColumnMapping, type ImportField } from '../import/column-mapping.js';
import { readAssetFile } from '../import/read-asset-file.js';

export const previewRowCount = 10;

export interface AssetImportPreview {
  format: 'csv' | 'xlsx';
  totalRows: number;
  columns: { header: string; samples: string[] }[];
  rows: { line: number; cells: string[] }[];
  suggestedMapping: ColumnMapping;
  fields: { field: ImportField; label: string }[];
}

/** First step of an import: what the file holds and which column seems to feed which field. Nothing is written. */
export async function previewAssetImport(ctx: Ctx, input: { bytes: Uint8Array }): Promise<AssetImportPreview> {
  authorize(ctx.actor, 'asset.update');
  const table = await readAssetFile(input.bytes);
  const rows = table.rows.slice(0, previewRowCount).map((r) => ({ line: r.line, cells: r.cells }));
  return {
    format: table.format,
    totalRows: table.rows.length,
    columns: table.header.map((header, i) => ({ header, samples: rows.map((r) => r.cells[i] ?? '').filter((c) => c.trim() !== '').slice(0, 3) })),
    rows,
    suggestedMapping: suggestMapping(table.header),
    fields: importFieldNames.map((field) => ({ field, label: importFields[field].label })),
  };
}
