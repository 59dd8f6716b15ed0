import type ExcelJS from 'exceljs';
import { loadExcel } from '../../../server/platform/export.js';
import { AppError } from '../../../server/platform/errors.js';
import { readCsv } from '../../../server/platform/csv/read-csv.js';
import { readText } from '../../../server/platform/csv/read-text.js';

/** A device file as rows of text cells, whatever its format; line numbers as the person sees them (header = 1). */
export interface AssetTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: { line: number; cells: string[]; problem?: string }[];
}

export const maxImportRows = 100_000;

const nothingImported = 'Aucune ligne n’a été importée';

/**
 * Reads an uploaded CSV (UTF-8, « ; », « , » or tab) or XLSX file. A file that cannot be read as
 * a whole is refused with the reason (wrong encoding, truncated, not a table at all): the
 * référentiel's readers decide for text, ExcelJS for workbooks.
 */
export async function readAssetFile(bytes: Uint8Array): Promise<AssetTable> {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError(
      'UNPROCESSABLE',
      `Le fichier est au format Excel 97-2003 (.xls), que Cohérence ne lit pas. ${nothingImported} : enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 », puis importez-le à nouveau.`,
    );
  }
  refuseBinary(bytes);
  const table = readCsv(readText(bytes));
  return finish('csv', table.header, table.rows.map((r) => ({ line: r.line, cells: r.fields, problem: r.problem })));
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Random bytes, an image or a PDF: refused here with words for a device file (the référentiel's
 * reader speaks of the school directory). UTF-16 files are left to it: it names that encoding.
 */
function refuseBinary(bytes: Uint8Array) {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return;
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of sample) {
    if (b === 0) control = sample.length;
    else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  if (sample.length > 0 && control > sample.length * 0.02) {
    throw new AppError(
      'UNPROCESSABLE',
      `Le fichier n’est ni un tableau CSV ni un classeur Excel (.xlsx) : il contient des octets binaires (image, archive, document ?). ${nothingImported}.`,
    );
  }
}

async function readXlsx(bytes: Uint8Array): Promise<AssetTable> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'UNPROCESSABLE',
      `Le classeur Excel est illisible : il semble tronqué ou endommagé. ${nothingImported} : téléchargez ou copiez à nouveau le fichier complet, puis importez-le.`,
      { details: { truncated: true } },
    );
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new AppError('UNPROCESSABLE', `Le classeur ne contient aucune feuille remplie. ${nothingImported}.`);
  if (sheet.rowCount > maxImportRows + 1) throw tooManyRows(sheet.rowCount - 1);
  let header: string[] | null = null;
  const rows: AssetTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    if (header === null) {
      header = values.slice(1).map((v) => cellText(v).trim());
      return;
    }
    rows.push({ line, cells: header.map((_, i) => cellText(values[i + 1])) });
  });
  return finish('xlsx', header ?? [], rows);
}

/** A cell as the person reads it: dates as YYYY-MM-DD, numbers as written in JavaScript, formulas by their result. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return String(value);
}

function tooManyRows(count: number): AppError {
  return new AppError(
    'UNPROCESSABLE',
    `Le fichier compte ${count} lignes : ${maxImportRows} au plus par import. ${nothingImported} : découpez-le en plusieurs fichiers.`,
  );
}

function finish(format: AssetTable['format'], header: string[], rows: AssetTable['rows']): AssetTable {
  if (header.length === 0 || header.every((h) => h === '')) throw new AppError('UNPROCESSABLE', `La première ligne du fichier doit nommer les colonnes. ${nothingImported}.`);
  if (rows.length > maxImportRows) throw tooManyRows(rows.length);
  // rows a spreadsheet leaves at the end, with nothing in them, are not rows of the file
  return { format, header, rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')) };
}
