import { EventEmitter, once } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export const exportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormat>;

/** Rows as an export operation yields them: a list, or read from the database as they are written. */
export type ExportRows<T> = Iterable<T> | AsyncIterable<T>;

/**
 * What an export operation (`operations/export-<things>.ts`) returns: its file's name and sheet,
 * its columns, and its rows. The route only pipes it (`sendExport`), in CSV or XLSX, streamed.
 */
export interface ExportSource<T> {
  basename: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  rows: ExportRows<T>;
}

/** The most rows an export writes (a national directory, a region's fleet). */
export const maxExportRows = 200_000;

/** Spreadsheet formula injection: a cell starting with = + - @ is neutralised with a quote. */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? safeCell(value) : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = <T>(columns: ExportColumn<T>[], row: T) => columns.map((c) => csvCell(c.value(row))).join(';') + '\r\n';
const csvHeader = <T>(columns: ExportColumn<T>[]) => '\uFEFF' + columns.map((c) => csvCell(c.header)).join(';') + '\r\n';

/** CSV as French spreadsheets expect it: UTF-8 with BOM, ';' separators, CRLF. */
export function toCsv<T>(columns: ExportColumn<T>[], rows: Iterable<T>): string {
  let text = csvHeader(columns);
  for (const row of rows) text += csvLine(columns, row);
  return text;
}

/** Lines written per chunk: large enough for few writes, small enough to keep memory flat. */
const chunkBytes = 64 * 1024;

/** The same CSV as `toCsv`, in chunks of about 64 KB as the rows come. */
export async function* csvChunks<T>(columns: ExportColumn<T>[], rows: ExportRows<T>): AsyncGenerator<string> {
  let chunk = csvHeader(columns);
  for await (const row of rows) {
    chunk += csvLine(columns, row);
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const xlsxCell = (value: string | number | boolean | null | undefined) => (typeof value === 'string' ? safeCell(value) : (value ?? null));

/**
 * Writes a workbook to `output` with exceljs's streaming writer: each row is committed (written
 * out, then forgotten) as it comes, and strings are written inline rather than in a shared table
 * that would grow with the file. Waits while the zip lags behind (`backlog`) or `output` is full,
 * so a slow compressor or reader slows the rows; stops (and closes the rows) if `output` closes.
 */
export async function writeXlsx<T>(output: Writable, sheetName: string, columns: ExportColumn<T>[], rows: ExportRows<T>): Promise<void> {
  const { stream } = await loadExcel();
  const workbook = new stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  workbook.creator = 'Cohérence';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(10, Math.min(40, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  // one style object for every data cell: exceljs caches a style's index per object (a WeakMap),
  // and each cell otherwise brings its own empty one, rendered to XML and remembered until a full
  // collection: per cell garbage that made the XLSX export the larger part of the server's peak
  const plainStyle = {};
  const closed = new AbortController();
  const onClose = () => closed.abort(new Error('export interrompu : le fichier n’est plus lu'));
  output.once('close', onClose);
  try {
    const entry = sheetEntry(sheet);
    for await (const row of rows) {
      const added = sheet.addRow(columns.map((c) => xlsxCell(c.value(row))));
      added.eachCell((cell) => (cell.style = plainStyle));
      added.commit();
      if (entry && needsDrain(entry)) await once(entry, 'drain', { signal: closed.signal });
      if (output.writableNeedDrain) await once(output, 'drain', { signal: closed.signal });
    }
    sheet.commit();
    await workbook.commit();
  } finally {
    output.off('close', onClose);
  }
}

/**
 * exceljs (its modules, their zip and XML dependencies: several MB of heap) is read at the first
 * XLSX export or workbook import, not at start: most server processes never handle one. Every
 * module reaches exceljs through this, never by a static import.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return ((await import('exceljs')) as unknown as { default: typeof ExcelJS }).default;
}

/**
 * Where exceljs hands a sheet's XML on: the zip entry's input. exceljs writes into it without
 * heeding `write()`'s answer, so when rows come faster than zlib compresses them the XML piles up
 * there (the whole file, at worst); its own `needDrain` says when to wait. exceljs 4's internals:
 * if they change, only `output`'s backpressure remains (the export test on a stalled reader says so).
 */
function sheetEntry(sheet: ExcelJS.Worksheet): Writable | undefined {
  const stream = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const entry = stream?.pipes?.[0];
  return entry instanceof EventEmitter && typeof (entry as Partial<Writable>).write === 'function' ? (entry as Writable) : undefined;
}

/** A Node stream's or readable-stream 2's (archiver's) « write() said wait ». */
function needsDrain(stream: Writable): boolean {
  return stream.writableNeedDrain ?? (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain ?? false;
}

/** The whole workbook in memory: for tests and small files; routes stream (`exportStream`). */
export async function toXlsx<T>(sheetName: string, columns: ExportColumn<T>[], rows: ExportRows<T>): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  await writeXlsx(sink, sheetName, columns, rows);
  return Buffer.concat(parts);
}

/** The file of an export as a stream; a failure while reading rows destroys it (the client sees a cut download). */
export function exportStream<T>(format: ExportFormat, source: ExportSource<T>): Readable {
  if (format === 'csv') return Readable.from(csvChunks(source.columns, source.rows));
  const output = new PassThrough();
  writeXlsx(output, source.sheetName, source.columns, source.rows).catch((error: unknown) => output.destroy(error as Error));
  return output;
}

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sends an export operation's file: headers first, then the rows as they are read. */
export function sendExport<T>(reply: FastifyReply, format: ExportFormat, source: ExportSource<T>, now: Date) {
  const filename = `${source.basename}-${now.toISOString().slice(0, 10)}.${format}`;
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  reply.header('cache-control', 'no-store');
  reply.type(exportContentTypes[format]);
  return reply.send(exportStream(format, source));
}

/**
 * The rows of a paged list read page after page as the file is written; the first page is read
 * at once, so a refusal (scope, filters) is an error answer and not a cut file.
 */
export async function pagedRows<T>(readPage: (page: number) => Promise<T[]>, options: { pageSize: number; maxRows: number }): Promise<ExportRows<T>> {
  const first = await readPage(1);
  return (async function* () {
    yield* first;
    let count = first.length;
    for (let page = 2, last = first; last.length === options.pageSize && count < options.maxRows; page++) {
      last = await readPage(page);
      yield* last;
      count += last.length;
    }
  })();
}

/** Maps rows as they pass (a lifecycle computed per device, a progress per delivery). */
export async function* mapRows<T, U>(rows: ExportRows<T>, map: (row: T) => U): AsyncGenerator<U> {
  for await (const row of rows) yield map(row);
}

/** Rows completed a batch at a time as they pass (what a batch needs from another table, read once per batch). */
export async function* batchedRows<T, U>(rows: ExportRows<T>, size: number, complete: (batch: T[]) => Promise<U[]>): AsyncGenerator<U> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield* await complete(batch);
      batch = [];
    }
  }
  if (batch.length) yield* await complete(batch);
}
