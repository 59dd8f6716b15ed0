import { hash } from 'node:crypto';

/**
 * Lines of a CSV file already imported as they are. A tenant keeps, for its last import, the hash
 * of each line beside the hash of the record the line gave (`KnownLine`). A line whose hash is
 * known, while the tenant's establishment still holds that record, gives that record again: it is
 * unchanged, and is not parsed, checked and hashed field by field again (most of a re-import's time).
 */
export interface KnownLine {
  uai: string;
  /** recordHash() of the record the line gave, cut like the line hash */
  recordHash: string;
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
export const shortHash = (text: string) => hash('sha256', text, 'base64url').slice(0, 22);

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

export interface ScannedLines {
  header: PhysicalLine;
  /** every line after the header, blank ones left out when outside a quoted field (no record) */
  lines: PhysicalLine[];
  /** a quote opened and never closed: the full reader must refuse the file with its message */
  openQuote: boolean;
}

/**
 * Cuts the text into physical lines and hashes the ones that are a whole record. A line is inside a
 * record spanning lines while an odd number of quotes has been seen since the record began (a
 * doubled quote counts twice, so escapes do not change the count).
 */
export function scanLines(text: string, context: string): ScannedLines {
  const lines: PhysicalLine[] = [];
  let header: PhysicalLine | null = null;
  let inQuote = false;
  let number = 0;
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line: PhysicalLine = { number: ++number, text: text.slice(pos, end) };
    pos = end + 1;
    const quotes = countQuotes(line.text);
    const whole = !inQuote && quotes % 2 === 0;
    if (quotes % 2 === 1) inQuote = !inQuote;
    const bare = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
    if (header === null) {
      header = line;
      continue;
    }
    if (whole && bare === '') continue;
    if (whole) line.hash = shortHash(`${context}${bare}`);
    lines.push(line);
  }
  return { header: header ?? { number: 1, text: '' }, lines, openQuote: inQuote };
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** The header and some lines as a text of their own, with the file's number of each of its lines. */
export function subText(header: PhysicalLine, lines: PhysicalLine[]): { text: string; fileLine: number[] } {
  const fileLine = [0, header.number, ...lines.map((l) => l.number)];
  return { text: [header.text, ...lines.map((l) => l.text)].join('\n'), fileLine };
}

/** The stored index of a tenant's last import: one `uai hash record-hash` line per known line. */
export function readLineIndex(stored: string, current: Map<string, string | null>): KnownLines {
  const known: KnownLines = new Map();
  for (const entry of stored.split('\n')) {
    const [uai, lineHash, record] = entry.split(' ');
    // the establishment must still hold the record this line gave (not since updated by another file)
    if (record && current.get(uai)?.startsWith(record)) known.set(lineHash, { uai, recordHash: record });
  }
  return known;
}

export function writeLineIndex(entries: { uai: string; lineHash: string; recordHash: string }[]): string {
  return entries.map((e) => `${e.uai} ${e.lineHash} ${e.recordHash.slice(0, 22)}`).join('\n');
}
