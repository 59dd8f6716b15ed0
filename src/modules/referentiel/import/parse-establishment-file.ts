import { AppError } from '../../../server/platform/errors.js';
import { detectFormat } from './detect-format.js';
import { annuaireSummary, parseAnnuaire, type ParseOptions } from './parse-annuaire.js';
import { geolocalisationSummary, parseGeolocalisation } from './parse-geolocalisation.js';
import { parseLyceesJson } from './parse-lycees-json.js';
import type { EstablishmentFileFormat, ParsedRow, RecordSummary } from './parsed-row.js';
import { detectDelimiter, firstLine, readCsv, type CsvTable } from '../../../server/platform/csv/read-csv.js';
import { splitCsv } from '../../../server/platform/csv/split-csv.js';
import { readText } from '../../../server/platform/csv/read-text.js';
import { rejectDuplicates } from './reject-duplicates.js';
import { lineContext, scanLines, subText, type KnownLines, type PhysicalLine } from './known-lines.js';
import { columnIndex, type ColumnIndex } from './csv-layouts.js';
import { csvRowReader, type CsvRowReader } from './csv-row-reader.js';
import { recordHash } from './record-hash.js';

export interface ParsedEstablishmentFile {
  format: EstablishmentFileFormat;
  rows: ParsedRow[];
}

export interface FileParseOptions extends ParseOptions {
  /**
   * The tenant's known lines (known-lines.ts): a CSV line among them is taken as unchanged without
   * being parsed, and every one-line record gets its line hash. Absent: every line is parsed.
   */
  known?: KnownLines;
  /** Read the summary (scope fields, name) of unchanged lines too: the scope checks and the preview need it. */
  summaries?: boolean;
}

/**
 * Reads an establishment file in any accepted format. Throws AppError('UNPROCESSABLE') when the
 * whole file must be refused (encoding, unknown format, missing columns, truncation); otherwise
 * returns one row per establishment, valid, rejected (with the reason) or skipped.
 */
export function parseEstablishmentFile(bytes: Uint8Array, options: FileParseOptions = {}): ParsedEstablishmentFile {
  const text = readText(bytes);
  const detected = detectFormat(text);
  if (detected.format === 'lycees-json') {
    return { format: detected.format, rows: nonEmpty(parseLyceesJson(detected.json.lycees)) };
  }
  const csv = csvFormats[detected.format];
  const rows = options.known ? parseKnownLines(text, csv, options) : parseAll(csv, readCsv(text), options);
  return { format: detected.format, rows: nonEmpty(rows) };
}

interface CsvFormat {
  format: 'annuaire' | 'geolocalisation';
  parse(table: CsvTable, options: ParseOptions): ParsedRow[];
  summary(read: CsvRowReader): RecordSummary;
}

const csvFormats: Record<CsvFormat['format'], CsvFormat> = {
  annuaire: { format: 'annuaire', parse: parseAnnuaire, summary: annuaireSummary },
  geolocalisation: { format: 'geolocalisation', parse: (table) => parseGeolocalisation(table), summary: geolocalisationSummary },
};

function parseAll(csv: CsvFormat, table: CsvTable, options: ParseOptions): ParsedRow[] {
  return rejectDuplicates(csv.parse(table, options));
}

/**
 * The known lines are set aside; the others are parsed as a file of their own (the header, then
 * those lines, each keeping its number in the file). What a line gives depends on the other lines
 * of its UAI only (a UAI met twice, an establishment on several lines), so the known lines of a
 * UAI met more than once are parsed with them. The file's last line is always parsed: a file cut
 * short is refused on it.
 */
function parseKnownLines(text: string, csv: CsvFormat, options: FileParseOptions): ParsedRow[] {
  const known = options.known!;
  const headerLine = firstLine(text);
  const scanned = scanLines(text, lineContext(csv.format, headerLine, options));
  if (scanned.openQuote) return parseAll(csv, readCsv(text), options); // refused there, with the line
  const last = scanned.lines.at(-1);
  const isKnown = (line: PhysicalLine) => line !== last && line.hash !== undefined && known.has(line.hash);
  let unchanged = scanned.lines.filter(isKnown);
  let parsed = parseLines(text, csv, scanned.header, scanned.lines.filter((l) => !isKnown(l)), options);
  const again = uaisMetTwice(unchanged, parsed.rows, known);
  if (again.size > 0) {
    unchanged = unchanged.filter((l) => !again.has(known.get(l.hash!)!.uai));
    const set = new Set(unchanged);
    parsed = parseLines(text, csv, scanned.header, scanned.lines.filter((l) => !set.has(l)), options);
  }
  if (!sampleStillGivesItsRecord(text, csv, scanned.header, unchanged, options)) return parseAll(csv, readCsv(text), options);
  const summaries = options.summaries ? summaryReader(text, csv, parsed.table) : null;
  const rows: ParsedRow[] = unchanged.map((line) => {
    const { uai, recordHash: hash } = known.get(line.hash!)!;
    return { line: line.number, uai, status: 'valid', lineHash: line.hash, unchanged: { recordHash: hash, summary: summaries?.(line) } };
  });
  return mergeByLine(parsed.rows, rows);
}

function parseLines(text: string, csv: CsvFormat, header: PhysicalLine, lines: PhysicalLine[], options: ParseOptions) {
  const part = subText(header, lines);
  let table: CsvTable;
  try {
    table = readCsv(part.text);
  } catch (error) {
    // a refusal names a line: the whole file's reader gives it with the file's numbering
    readCsv(text);
    throw error;
  }
  const hashes = new Map(lines.map((l) => [l.number, l.hash]));
  for (const row of table.rows) row.line = part.fileLine[row.line];
  const rows = parseAll(csv, table, options);
  for (const row of rows) row.lineHash = hashes.get(row.line);
  return { table, rows };
}

/** UAIs of the known lines that appear more than once in the file. */
function uaisMetTwice(unchanged: PhysicalLine[], parsed: ParsedRow[], known: KnownLines): Set<string> {
  const seen = new Set(parsed.map((r) => r.uai));
  const twice = new Set<string>();
  for (const line of unchanged) {
    const { uai } = known.get(line.hash!)!;
    if (seen.has(uai)) twice.add(uai);
    seen.add(uai);
  }
  return twice;
}

const sampleEvery = 500;

/** Some known lines parsed again must give the record stored for them, else no line is trusted. */
function sampleStillGivesItsRecord(text: string, csv: CsvFormat, header: PhysicalLine, unchanged: PhysicalLine[], options: FileParseOptions): boolean {
  const sample = unchanged.filter((_, i) => i % sampleEvery === 0);
  if (sample.length === 0) return true;
  const { rows } = parseLines(text, csv, header, sample, options);
  return rows.every((row) => {
    const stored = options.known!.get(row.lineHash!);
    return row.status === 'valid' && stored?.uai === row.uai && recordHash(row.record!).startsWith(stored.recordHash);
  });
}

/** The summary of a known line, read from its cells (a line with quotes through the CSV reader). */
function summaryReader(text: string, csv: CsvFormat, table: CsvTable): (line: PhysicalLine) => RecordSummary {
  const delimiter = detectDelimiter(firstLine(text));
  const index: ColumnIndex = columnIndex(table.header);
  return (line) => {
    const bare = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
    const fields = bare.includes('"') ? splitCsv(bare, delimiter).records[0].fields : bare.split(delimiter);
    return csv.summary(csvRowReader(fields, index));
  };
}

/** Two lists each in file order, as one. */
function mergeByLine(a: ParsedRow[], b: ParsedRow[]): ParsedRow[] {
  const merged: ParsedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].line < b[j].line)) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  return merged;
}

function nonEmpty(rows: ParsedRow[]): ParsedRow[] {
  if (rows.length === 0) {
    throw new AppError('UNPROCESSABLE', "Le fichier ne contient aucun établissement : seul l'en-tête est présent.");
  }
  return rows;
}
