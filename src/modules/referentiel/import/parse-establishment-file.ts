import { isUtf8 } from 'node:buffer';
import { AppError } from '../../../server/platform/errors.js';
import { detectFormat } from './detect-format.js';
import { annuaireRowParser, parseAnnuaire, type ParseOptions } from './parse-annuaire.js';
import { geolocalisationRowParser, parseGeolocalisation } from './parse-geolocalisation.js';
import { parseLyceesJson } from './parse-lycees-json.js';
import type { EstablishmentFileFormat, ParsedRow } from './parsed-row.js';
import { firstLine, readCsv, type CsvRow, type CsvTable } from '../../../server/platform/csv/read-csv.js';
import { readText } from '../../../server/platform/csv/read-text.js';
import { duplicateRejecter, rejectDuplicates } from './reject-duplicates.js';
import { readCsvBatches } from './csv-batches.js';
import { LineScanner, lineAt, lineContext, scanLines, subText, type KnownLine, type KnownLines, type PhysicalLine, type ScannedLines } from './known-lines.js';
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
  const file = readEstablishmentFile(bytes, options);
  const rows: ParsedRow[] = [];
  for (const batch of file.batches()) rows.push(...batch);
  return { format: file.format, rows };
}

/**
 * An establishment file whose format and header are checked, its rows read a batch at a time: a
 * CSV read for the first time is decoded, split and parsed a chunk at a time (an import writes the
 * first rows while the rest is read); a JSON file, or a CSV read against known lines, comes as one
 * batch. The refusals are parseEstablishmentFile's: of the format and header here, of the content
 * (truncation, no row at all) thrown by batches() where they are found.
 */
export interface EstablishmentFileReader {
  format: EstablishmentFileFormat;
  /** about how many rows the file holds (its non-blank lines after the header): for progress */
  expectedRows: number;
  batches(): Generator<ParsedRow[]>;
}

export function readEstablishmentFile(bytes: Uint8Array, options: FileParseOptions = {}): EstablishmentFileReader {
  const file = fileText(bytes, true);
  const start = file.head.trimStart();
  const detected = detectFormat(start.startsWith('{') || start.startsWith('[') ? file.full() : file.head);
  if (detected.format === 'lycees-json') {
    const list = detected.json.lycees;
    return { format: detected.format, expectedRows: list.length, batches: () => nonEmpty(once(() => parseLyceesJson(list))) };
  }
  const csv = csvFormats[detected.format];
  const expectedRows = nonBlankLines(bytes) - 1;
  if ((options.known?.size ?? 0) > 0) {
    return { format: detected.format, expectedRows, batches: () => nonEmpty(once(() => parseKnownLines(bytes, file, csv, options))) };
  }
  return { format: detected.format, expectedRows, batches: () => nonEmpty(streamedRows(bytes, file, csv, options)) };
}

function* once(rows: () => ParsedRow[]): Generator<ParsedRow[]> {
  yield rows();
}

/**
 * A CSV parsed a chunk at a time, as parseAll parses it whole. With `known` (empty: nothing
 * known yet), each one-line row gets the hash of its line, the file's lines scanned as far as the
 * rows read. A file that is not valid UTF-8 is decoded whole, refused there with readText's message.
 */
function* streamedRows(bytes: Uint8Array, file: FileText, csv: CsvFormat, options: FileParseOptions): Generator<ParsedRow[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = hasBom(buffer) ? 3 : 0;
  if (!isUtf8(buffer.subarray(bom))) {
    yield parseAll(csv, readCsv(file.full()), options);
    return;
  }
  const table = readCsvBatches(buffer, bom, firstLine(file.head));
  const parse = csv.rowParser(table.header, options);
  const rejectAgain = duplicateRejecter();
  const lines = options.known ? new LineHashes(new LineScanner(bytes, lineContext(csv.format, firstLine(file.head), options))) : null;
  for (const batch of table.batches()) {
    const rows = rejectAgain(parse(batch));
    lines?.assign(rows);
    yield rows;
  }
}

/** withLineHashes over rows given in successive batches, the lines scanned as far as the rows. */
class LineHashes {
  private i = 0;

  constructor(private readonly scanner: LineScanner) {}

  assign(rows: ParsedRow[]): void {
    const { numbers, hashes } = this.scanner.scanned;
    for (const row of rows) {
      this.scanner.scanTo(row.line);
      while (this.i < numbers.length && numbers[this.i] < row.line) this.i++;
      if (numbers[this.i] === row.line) row.lineHash = hashes[this.i];
    }
  }
}

const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** Lines holding more than a line end (the header included). */
function nonBlankLines(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end === -1) end = buffer.length;
    if (end - start > 1 || (end - start === 1 && buffer[start] !== 0x0d)) count++;
    start = end + 1;
  }
  return count;
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
  /** parse() over a file given in successive batches of rows */
  rowParser(header: string[], options: ParseOptions): (rows: CsvRow[]) => ParsedRow[];
}

const csvFormats: Record<CsvFormat['format'], CsvFormat> = {
  annuaire: { format: 'annuaire', parse: parseAnnuaire, rowParser: annuaireRowParser },
  geolocalisation: { format: 'geolocalisation', parse: (table) => parseGeolocalisation(table), rowParser: (header) => geolocalisationRowParser(header) },
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

/** The batches, refused at their end when none held a row. */
function* nonEmpty(batches: Generator<ParsedRow[]>): Generator<ParsedRow[]> {
  let rows = 0;
  for (const batch of batches) {
    rows += batch.length;
    if (batch.length > 0) yield batch;
  }
  if (rows === 0) {
    throw new AppError('UNPROCESSABLE', "Le fichier ne contient aucun établissement : seul l'en-tête est présent.");
  }
}
