import {
  detectDelimiter,
  emptyFileRefusal,
  markWrongWidths,
  openQuoteRefusal,
  refuseShortLastRow,
  type CsvRow,
} from '../../../server/platform/csv/read-csv.js';
import { splitCsv, type CsvRecord } from '../../../server/platform/csv/split-csv.js';

/**
 * A CSV file read as readCsv reads it, rows and refusals alike, but a chunk of lines at a time:
 * an import works on the first rows while the rest is still bytes (a national file is 38 MB, 66,000
 * rows of 69 fields: decoded and split whole, it kept PostgreSQL waiting for seconds). The header is
 * read at once; a file refused whole (open quote, short last row) is refused where that is found.
 */
export interface CsvBatches {
  delimiter: string;
  header: string[];
  /** The rows after the header, in file order, a chunk at a time. */
  batches(): Generator<CsvRow[]>;
}

/** Bytes decoded and split per chunk: about 1,800 rows of the national file. */
export const csvChunkBytes = 1 << 20;

/**
 * `bytes` must be valid UTF-8 (checked by the caller), `start` after any BOM; `headerLine` is the
 * file's first line as text (what readCsv picks the delimiter from).
 */
export function readCsvBatches(bytes: Buffer, start: number, headerLine: string, chunkBytes = csvChunkBytes): CsvBatches {
  const delimiter = detectDelimiter(headerLine);
  const chunks = recordChunks(bytes, start, delimiter, chunkBytes);
  let first = chunks.next();
  while (!first.done && first.value.length === 0) first = chunks.next();
  if (first.done) throw emptyFileRefusal();
  const [head, ...rest] = first.value;
  const header = head.fields.map((h) => h.trim());
  return { delimiter, header, batches: () => rowBatches(rest, chunks, header.length) };
}

/**
 * The rows with their width checked; each chunk's last row waits for the next chunk, so the file's
 * last row is known as such and refused when short, as readCsv does.
 */
function* rowBatches(firstRows: CsvRow[], chunks: Generator<CsvRecord[]>, width: number): Generator<CsvRow[]> {
  let pending: CsvRow | undefined;
  for (let rows: CsvRow[] | undefined = firstRows; rows !== undefined; rows = next(chunks)) {
    if (rows.length === 0) continue;
    const batch = pending ? [pending, ...rows] : rows;
    pending = batch.pop();
    markWrongWidths(batch, width);
    if (batch.length > 0) yield batch;
  }
  if (!pending) return;
  refuseShortLastRow(pending, width);
  markWrongWidths([pending], width);
  yield [pending];
}

function next(chunks: Generator<CsvRecord[]>): CsvRecord[] | undefined {
  const chunk = chunks.next();
  return chunk.done ? undefined : chunk.value;
}

/**
 * The records of the file a chunk at a time, numbered by their line in the file. A chunk ends at
 * a line end, so splitCsv reads each record as it would in the whole text, unless a quoted field
 * runs past the chunk: then a longer chunk is read again from the same start.
 */
function* recordChunks(bytes: Buffer, from: number, delimiter: string, chunkBytes: number): Generator<CsvRecord[]> {
  let start = from;
  let line = 1;
  let size = chunkBytes;
  while (start < bytes.length) {
    const end = lineEndAfter(bytes, start + size);
    const { records, openQuoteLine } = splitCsv(bytes.toString('utf8', start, end), delimiter);
    if (openQuoteLine && end < bytes.length) {
      size *= 2;
      continue;
    }
    if (openQuoteLine) throw openQuoteRefusal(line + openQuoteLine - 1);
    for (const record of records) record.line += line - 1;
    yield records;
    line += newlinesWithin(bytes, start, end);
    start = end;
    size = chunkBytes;
  }
}

/** The offset just after the first line end at or after `at`, or the file's end. */
function lineEndAfter(bytes: Buffer, at: number): number {
  if (at >= bytes.length) return bytes.length;
  const newline = bytes.indexOf(0x0a, at);
  return newline === -1 ? bytes.length : newline + 1;
}

function newlinesWithin(bytes: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a, start); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}
