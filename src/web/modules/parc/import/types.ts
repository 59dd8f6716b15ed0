/** Shapes of POST /api/assets/import/preview and POST /api/assets/import (src/modules/parc/routes/asset-file-routes.ts). */

export type AssetImportMode = 'all-or-nothing' | 'apply-valid';

/** Field → the header of the file's column that feeds it. */
export type ColumnMapping = Record<string, string>;

export interface AssetImportPreview {
  format: 'csv' | 'xlsx';
  totalRows: number;
  columns: { header: string; samples: string[] }[];
  rows: { line: number; cells: string[] }[];
  suggestedMapping: ColumnMapping;
  fields: { field: string; label: string }[];
}

export interface AssetImportReport {
  status: 'applied' | 'refused';
  format: 'csv' | 'xlsx';
  mapping: ColumnMapping;
  totals: { rows: number; created: number; updated: number; unchanged: number; rejected: number };
  rejected: { line: number; reason: string }[];
}
