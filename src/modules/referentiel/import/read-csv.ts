import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../../server/platform/errors.js';

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

function newlines(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

/** Parses CSV text; refuses the whole file when it looks truncated (open quote, short last row). */
export function readCsv(text: string): CsvTable {
  const delimiter = detectDelimiter(firstLine(text));
  const broken: CsvRow[] = [];
  let openQuoteLine = 0;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (!err) return;
        if (err.code === 'CSV_QUOTE_NOT_CLOSED') openQuoteLine = Number(err.lines);
        const fields = ((err as unknown as { record?: string[] }).record ?? []).map(String);
        broken.push({ line: Number(err.lines) - newlines(fields), fields });
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(error.message);
    throw error;
  }
  if (openQuoteLine) {
    throw new AppError('UNPROCESSABLE', `Le fichier semble tronqué : un guillemet ouvert ligne ${openQuoteLine} n'est jamais refermé. ${retry}`, {
      details: { truncated: true, line: openQuoteLine },
    });
  }
  if (records.length === 0) throw new AppError('UNPROCESSABLE', 'Le fichier est vide.');
  const header = records[0].record.map((h) => h.trim());
  const rows = records.slice(1).map(({ record, info }) => ({ line: info.lines - newlines(record), fields: record }));
  return { delimiter, header, rows: mergeBroken(rows, broken, header.length) };
}

function unreadable(message: string): AppError {
  return new AppError('UNPROCESSABLE', `Le fichier CSV est illisible : ${message}.`);
}

/** Puts rows with a wrong field count back in order; a short last row means the file was cut. */
function mergeBroken(rows: CsvRow[], broken: CsvRow[], width: number): CsvRow[] {
  if (broken.length === 0) return rows;
  const last = broken[broken.length - 1];
  const lastLine = rows.length ? rows[rows.length - 1].line : 0;
  if (last.line > lastLine && last.fields.length < width) {
    throw new AppError(
      'UNPROCESSABLE',
      `Le fichier semble tronqué : la dernière ligne (ligne ${last.line}) est incomplète (${last.fields.length} champs au lieu de ${width}). ${retry}`,
      { details: { truncated: true, line: last.line } },
    );
  }
  for (const row of broken) {
    row.problem = `la ligne compte ${row.fields.length} champs au lieu de ${width} (séparateur en trop ou manquant, ou guillemet mal placé)`;
  }
  return [...rows, ...broken].sort((a, b) => a.line - b.line);
}
