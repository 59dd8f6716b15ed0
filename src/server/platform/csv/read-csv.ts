import { AppError } from '../errors.js';
import { splitCsv } from './split-csv.js';

export interface CsvRow {
  /** Line where the record starts (header = line 1). */
  line: number;
  fields: string[];
  /** Set when the record has the wrong number of fields: the row is rejected, not the file. */
  problem?: string;
}

export interface CsvTable {
  delimiter: string;
  header: string[];
  rows: CsvRow[];
}

const retry = "Aucune ligne n'a été importée : vérifiez que le téléchargement ou la copie du fichier est allé jusqu'au bout, puis importez-le à nouveau.";

/** The delimiter the header line uses most: « ; » (official exports), « , » or tabulation. */
export function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => ({ d, n: headerLine.split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].d;
}

export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** Parses CSV text; refuses the whole file when it looks truncated (open quote, short last row). */
export function readCsv(text: string): CsvTable {
  const delimiter = detectDelimiter(firstLine(text));
  const { records, openQuoteLine } = splitCsv(text, delimiter);
  if (openQuoteLine) throw openQuoteRefusal(openQuoteLine);
  if (records.length === 0) throw emptyFileRefusal();
  const header = records[0].fields.map((h) => h.trim());
  const rows: CsvRow[] = records.slice(1);
  const width = header.length;
  const last = rows[rows.length - 1];
  if (last) refuseShortLastRow(last, width);
  markWrongWidths(rows, width);
  return { delimiter, header, rows };
}

/** A quoted field opened on `line` and never closed: the file was cut. */
export function openQuoteRefusal(line: number): AppError {
  return new AppError('UNPROCESSABLE', `Le fichier semble tronqué : un guillemet ouvert ligne ${line} n'est jamais refermé. ${retry}`, {
    details: { truncated: true, line },
  });
}

export const emptyFileRefusal = () => new AppError('UNPROCESSABLE', 'Le fichier est vide.');

/** The file's last row with fewer fields than the header: the file was cut, refused whole. */
export function refuseShortLastRow(last: CsvRow, width: number): void {
  if (last.fields.length >= width) return;
  throw new AppError(
    'UNPROCESSABLE',
    `Le fichier semble tronqué : la dernière ligne (ligne ${last.line}) est incomplète (${last.fields.length} champs au lieu de ${width}). ${retry}`,
    { details: { truncated: true, line: last.line } },
  );
}

/** Rows with another number of fields than the header are rejected (not the file): their problem is set. */
export function markWrongWidths(rows: CsvRow[], width: number): void {
  for (const row of rows) {
    if (row.fields.length !== width) {
      row.problem = `la ligne compte ${row.fields.length} champs au lieu de ${width} (séparateur en trop ou manquant, ou guillemet mal placé)`;
    }
  }
}
