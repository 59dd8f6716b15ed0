import { isUtf8 } from 'node:buffer';
import { AppError } from '../../../server/platform/errors.js';
import { detectFormat } from './detect-format.js';
import { parseAnnuaire, type ParseOptions } from './parse-annuaire.js';
import { parseGeolocalisation } from './parse-geolocalisation.js';
import { parseLyceesJson } from './parse-lycees-json.js';
import type { EstablishmentFileFormat, ParsedRow } from './parsed-row.js';
import { firstLine, readCsv, type CsvTable } from '../../../server/platform/csv/read-csv.js';
import { readText } from '../../../server/platform/csv/read-text.js';
import { rejectDuplicates } from './reject-duplicates.js';
import { lineAt, lineContext, scanLines, subText, type KnownLine, type KnownLines, type PhysicalLine, type ScannedLines } from './known-lines.js';
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
}

/**
 * Reads an establishment file in any accepted format. Throws AppError('UNPROCESSABLE') when the
 * whole file must be refused (encoding, unknown format, missing columns, truncation); otherwise
 * returns one row per establishment, valid, rejected (with the reason) or skipped.
 */
export function parseEstablishmentFile(bytes: Uint8Array, options: FileParseOptions = {}): ParsedEstablishmentFile {
  const file = fileText(bytes, (options.known?.size ?? 0) > 0);
  const start = file.head.trimStart();
  const detected = detectFormat(start.startsWith('{') || start.startsWith('[') ? file.full() : file.head);
  if (detected.format === 'lycees-json') {
    return { format: detected.format, rows: nonEmpty(parseLyceesJson(detected.json.lycees)) };
  }
  const csv = csvFormats[detected.format];
  const rows = options.known ? parseKnownLines(bytes, file, csv, options) : parseAll(csv, readCsv(file.full()), options);
  return { format: detected.format, rows: nonEmpty(rows) };
}

/** The file's text: its head at once, the whole on demand. */
interface FileText {
  /** the first 64 KiB or more, up to a line end: the header and what the content checks sample */
  head: string;
  full(): string;
}

const sampled = 65536;

/**
 * Decodes the whole file now, or, when most lines will be read as bytes (a re-import with known
 * lines), checks it is UTF-8 without decoding it and decodes only its head; readText's own checks
 * and messages are kept: it reads the same first 64 KiB, and any file it would refuse for its
 * encoding is read whole by it.
 */
function fileText(bytes: Uint8Array, lazy: boolean): FileText {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const newline = lazy && bytes.length > bom + sampled ? bytes.indexOf(0x0a, bom + sampled) : -1;
  if (newline === -1 || !isUtf8(bytes.subarray(bom))) {
    const text = readText(bytes);
    return { head: text, full: () => text };
  }
  const head = readText(bytes.subarray(0, newline + 1));
  let whole: string | undefined;
  return { head, full: () => (whole ??= readText(bytes)) };
}

interface CsvFormat {
  format: 'annuaire' | 'geolocalisation';
  parse(table: CsvTable, options: ParseOptions): ParsedRow[];
}

const csvFormats: Record<CsvFormat['format'], CsvFormat> = {
  annuaire: { format: 'annuaire', parse: parseAnnuaire },
  geolocalisation: { format: 'geolocalisation', parse: (table) => parseGeolocalisation(table) },
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
function parseKnownLines(bytes: Uint8Array, file: FileText, csv: CsvFormat, options: FileParseOptions): ParsedRow[] {
  const known = options.known!;
  const scanned = scanLines(bytes, lineContext(csv.format, firstLine(file.head), options));
  if (scanned.openQuote) return parseAll(csv, readCsv(file.full()), options); // refused there, with the line
  const count = scanned.numbers.length;
  const entries: (KnownLine | undefined)[] = scanned.hashes.map((h, i) => (h !== undefined && i < count - 1 ? known.get(h) : undefined));
  // nothing known (a first import, another file): the whole text is parsed as it is, no copy of its lines
  if (!entries.some(Boolean)) return withLineHashes(parseAll(csv, readCsv(file.full()), options), scanned);
  const others = () => entries.flatMap((entry, i) => (entry ? [] : [lineAt(scanned, i)]));
  let parsed = parseLines(file, csv, scanned.header, others(), options);
  const again = uaisMetTwice(entries, parsed);
  if (again.size > 0) {
    entries.forEach((entry, i) => {
      if (entry && again.has(entry.uai)) entries[i] = undefined;
    });
    parsed = parseLines(file, csv, scanned.header, others(), options);
  }
  if (!sampleStillGivesItsRecord(file, csv, scanned, entries, options)) return parseAll(csv, readCsv(file.full()), options);
  const rows: ParsedRow[] = [];
  entries.forEach((entry, i) => {
    if (entry) rows.push({ line: scanned.numbers[i], uai: entry.uai, status: 'valid', lineHash: scanned.hashes[i], unchanged: entry });
  });
  return mergeByLine(parsed, rows);
}

/** Each row gets the hash of the line it starts on (both lists in file order). */
function withLineHashes(rows: ParsedRow[], scanned: ScannedLines): ParsedRow[] {
  let i = 0;
  for (const row of rows) {
    while (i < scanned.numbers.length && scanned.numbers[i] < row.line) i++;
    if (scanned.numbers[i] === row.line) row.lineHash = scanned.hashes[i];
  }
  return rows;
}

function parseLines(file: FileText, csv: CsvFormat, header: PhysicalLine, lines: PhysicalLine[], options: ParseOptions): ParsedRow[] {
  const part = subText(header, lines);
  let table: CsvTable;
  try {
    table = readCsv(part.text);
  } catch (error) {
    // a refusal names a line: the whole file's reader gives it with the file's numbering
    readCsv(file.full());
    throw error;
  }
  const hashes = new Map(lines.map((l) => [l.number, l.hash]));
  for (const row of table.rows) row.line = part.fileLine[row.line];
  const rows = parseAll(csv, table, options);
  for (const row of rows) row.lineHash = hashes.get(row.line);
  return rows;
}

/** UAIs of the known lines that appear more than once in the file. */
function uaisMetTwice(entries: (KnownLine | undefined)[], parsed: ParsedRow[]): Set<string> {
  const seen = new Set(parsed.map((r) => r.uai));
  const twice = new Set<string>();
  for (const entry of entries) {
    if (!entry) continue;
    if (seen.has(entry.uai)) twice.add(entry.uai);
    seen.add(entry.uai);
  }
  return twice;
}

const sampleEvery = 500;

/** Some known lines parsed again must give the record stored for them, else no line is trusted. */
function sampleStillGivesItsRecord(file: FileText, csv: CsvFormat, scanned: ScannedLines, entries: (KnownLine | undefined)[], options: ParseOptions): boolean {
  const sample: number[] = [];
  let seen = 0;
  entries.forEach((entry, i) => {
    if (entry && seen++ % sampleEvery === 0) sample.push(i);
  });
  if (sample.length === 0) return true;
  const rows = parseLines(file, csv, scanned.header, sample.map((i) => lineAt(scanned, i)), options);
  return rows.length === sample.length && rows.every((row, k) => {
    const stored = entries[sample[k]]!;
    return row.status === 'valid' && stored.uai === row.uai && recordHash(row.record!).startsWith(stored.recordHash);
  });
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
