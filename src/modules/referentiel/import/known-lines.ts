import { hash } from 'node:crypto';
import type { RecordSummary } from './parsed-row.js';

/**
 * Lines of a CSV file already imported as they are. A tenant keeps, for its last import, the hash
 * of each line beside the hash of the record the line gave and the record's summary (scope fields,
 * name). A line whose hash is known, while the tenant's establishment still holds that record,
 * gives that record again: it is unchanged, and is not parsed, checked and hashed field by field
 * again (most of a re-import's time).
 */
export interface KnownLine {
  uai: string;
  /** recordHash() of the record the line gave, cut like the line hash */
  recordHash: string;
  summary: RecordSummary;
}

/** Line hash → what the line gave; built by the import from the tenant's stored index. */
export type KnownLines = Map<string, KnownLine>;

/**
 * Bumped when a parser reads the same line differently (a new rule, a new field), so no stored
 * line is taken as unchanged any more. Imports also re-parse a sample of the known lines and drop
 * the shortcut when one gives another record (a change nobody bumped this for).
 */
export const lineHashVersion = 1;

/** 22 base64url characters: 132 bits, no collision among the lines of any tenant. */
export const shortHash = (data: string | Uint8Array) => hash('sha256', data, 'base64url').slice(0, 22);

/** What a line's meaning depends on besides its text: format, header, options, parser version. */
export function lineContext(format: string, header: string, options: { includeNonSchools?: boolean }): string {
  return shortHash(`${lineHashVersion}\u0000${format}\u0000${Boolean(options.includeNonSchools)}\u0000${header}`);
}

/** One physical line of the file (without its line end), numbered from 1 (the header). */
export interface PhysicalLine {
  number: number;
  /** the line as the file has it, a final \r included (a quoted field may hold it) */
  text: string;
  /** set when the line is a whole record (no quoted field open across lines): its hash */
  hash?: string;
}

/**
 * A file cut into physical lines, kept as byte offsets (a national file has 66,000 lines: no
 * object, no string each). Blank lines outside a quoted field are left out: they hold no record.
 */
export interface ScannedLines {
  bytes: Buffer;
  header: PhysicalLine;
  /** for the i-th line after the header: its number in the file, the bytes where it starts and ends */
  numbers: number[];
  starts: number[];
  ends: number[];
  /** its hash when it is a whole record */
  hashes: (string | undefined)[];
  /** a quote opened and never closed: the full reader must refuse the file with its message */
  openQuote: boolean;
}

/** The text of a line: its bytes decoded (readText has already refused a file that is not UTF-8). */
export const lineAt = (scanned: ScannedLines, i: number): PhysicalLine => ({
  number: scanned.numbers[i],
  text: scanned.bytes.toString('utf8', scanned.starts[i], scanned.ends[i]),
  hash: scanned.hashes[i],
});

const newline = 0x0a;
const quote = 0x22;
const carriageReturn = 0x0d;

/**
 * Cuts the file's bytes into physical lines and hashes the ones that are a whole record: the hash
 * of the context and the line's UTF-8 bytes, as shortHash(context + line) would give, without
 * decoding each line into a string (in UTF-8, a line end or a quote is never part of another
 * character). A line is inside a record spanning lines while an odd number of quotes has been seen
 * since the record began (a doubled quote counts twice, so escapes do not change the count).
 */
export function scanLines(file: Uint8Array, context: string): ScannedLines {
  const scanner = new LineScanner(file, context);
  while (scanner.next()) {
    // every line of the file
  }
  return scanner.scanned;
}

/** scanLines a line at a time: a streamed import hashes the lines of the rows it has read so far. */
export class LineScanner {
  readonly scanned: ScannedLines;
  private readonly hasher: LineHasher;
  private readonly quotes: QuoteCounter;
  private inQuote: boolean;
  private start: number;
  private number = 1;

  constructor(file: Uint8Array, context: string) {
    const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    this.hasher = new LineHasher(context);
    this.quotes = new QuoteCounter(bytes);
    const bodyStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const headerEnd = endOf(bytes, bodyStart);
    this.inQuote = this.quotes.within(bodyStart, headerEnd) % 2 === 1;
    this.start = headerEnd + 1;
    this.scanned = {
      bytes,
      header: { number: 1, text: bytes.toString('utf8', bodyStart, headerEnd) },
      numbers: [],
      starts: [],
      ends: [],
      hashes: [],
      openQuote: this.inQuote,
    };
  }

  /** Scans the next physical line; false at the file's end. */
  next(): boolean {
    const { bytes } = this.scanned;
    if (this.start >= bytes.length) return false;
    const start = this.start;
    const end = endOf(bytes, start);
    this.number++;
    const count = this.quotes.within(start, end);
    const whole = !this.inQuote && count % 2 === 0;
    if (count % 2 === 1) this.inQuote = !this.inQuote;
    const bareEnd = end > start && bytes[end - 1] === carriageReturn ? end - 1 : end;
    if (!whole || bareEnd > start) {
      this.scanned.numbers.push(this.number);
      this.scanned.starts.push(start);
      this.scanned.ends.push(end);
      this.scanned.hashes.push(whole ? this.hasher.hash(bytes, start, bareEnd) : undefined);
    }
    this.start = end + 1;
    this.scanned.openQuote = this.inQuote;
    return true;
  }

  /** Scans the lines up to line `number` of the file. */
  scanTo(number: number): void {
    while (this.number < number && this.next()) {
      // up to the line asked for
    }
  }
}

function endOf(bytes: Buffer, from: number): number {
  const end = bytes.indexOf(newline, from);
  return end === -1 ? bytes.length : end;
}

/** Quotes within a range, found by a search that never goes over the same bytes twice. */
class QuoteCounter {
  private next = -2;

  constructor(private readonly bytes: Buffer) {}

  within(from: number, to: number): number {
    let n = 0;
    if (this.next !== -1 && this.next < from) this.next = this.bytes.indexOf(quote, from);
    while (this.next !== -1 && this.next < to) {
      n++;
      this.next = this.bytes.indexOf(quote, this.next + 1);
    }
    return n;
  }
}

/** shortHash(context + line) over bytes: the line copied after the context in one reused buffer. */
class LineHasher {
  private readonly context: Buffer;
  private buffer: Buffer;

  constructor(context: string) {
    this.context = Buffer.from(context, 'utf8');
    this.buffer = Buffer.alloc(this.context.length + 4096);
    this.context.copy(this.buffer);
  }

  hash(bytes: Buffer, start: number, end: number): string {
    const length = this.context.length + end - start;
    if (length > this.buffer.length) {
      this.buffer = Buffer.alloc(length * 2);
      this.context.copy(this.buffer);
    }
    bytes.copy(this.buffer, this.context.length, start, end);
    return shortHash(this.buffer.subarray(0, length));
  }
}

/** The header and some lines as a text of their own, with the file's number of each of its lines. */
export function subText(header: PhysicalLine, lines: PhysicalLine[]): { text: string; fileLine: number[] } {
  const fileLine = [0, header.number, ...lines.map((l) => l.number)];
  return { text: [header.text, ...lines.map((l) => l.text)].join('\n'), fileLine };
}

const summaryFields = ['name', 'natureCode', 'academyCode', 'departmentCode', 'communeCode'] as const satisfies readonly (keyof RecordSummary)[];

/**
 * The stored index of a tenant's last import: one line per known line, its fields separated by
 * tabs (uai, line hash, record hash, then the summary, an empty field for null).
 */
export function readLineIndex(stored: string, current: Map<string, string | null>): KnownLines {
  const known: KnownLines = new Map();
  for (const entry of stored.split('\n')) {
    const [uai, lineHash, record, ...values] = entry.split('\t');
    // the establishment must still hold the record this line gave (not since updated by another file)
    if (values.length !== summaryFields.length || !current.get(uai)?.startsWith(record)) continue;
    const [name, natureCode, academyCode, departmentCode, communeCode] = values.map((v) => (v === '' ? null : v));
    known.set(lineHash, { uai, recordHash: record, summary: { name: name ?? '', natureCode, academyCode, departmentCode, communeCode } });
  }
  return known;
}

export interface LineIndexEntry {
  uai: string;
  lineHash: string;
  recordHash: string;
  summary: RecordSummary;
}

/** Entries whose summary holds a tab or a line end are left out (their line is parsed next time). */
export function writeLineIndex(entries: LineIndexEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    const values = summaryFields.map((f) => e.summary[f] ?? '');
    if (values.some((v) => /[\t\n]/.test(v))) continue;
    lines.push([e.uai, e.lineHash, e.recordHash.slice(0, 22), ...values].join('\t'));
  }
  return lines.join('\n');
}

export function summaryOf(record: RecordSummary): RecordSummary {
  const { name, natureCode, academyCode, departmentCode, communeCode } = record;
  return { name, natureCode, academyCode, departmentCode, communeCode };
}
