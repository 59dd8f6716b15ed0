import type { ExportFormat } from '../../../server/platform/export.js';
import { assetClassLabels, assetStatusLabels, type AssetClass, type AssetStatus } from '../asset-classes.js';

/** 2025-09-01 → 01/09/2025, as French spreadsheets show dates. */
export const frenchDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null);

/** An instant as « 01/09/2025 08:30 » (UTC, like the other exports' times). */
export const frenchDateTime = (at: Date | null) => (at ? `${frenchDate(at.toISOString().slice(0, 10))} ${at.toISOString().slice(11, 16)}` : null);

/** A decimal: a number in XLSX, « 116,7 » in CSV (French spreadsheets read the comma). */
export const decimal = (format: ExportFormat, value: number | null, digits = 1) => {
  if (value === null) return null;
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  return format === 'xlsx' ? rounded : String(rounded).replace('.', ',');
};

export const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

/** A device class or status as people read it; an unknown code stays as it is. */
export const classLabelOf = (value: string) => assetClassLabels[value as AssetClass] ?? value;
export const statusLabelOf = (value: string) => assetStatusLabels[value as AssetStatus] ?? value;
