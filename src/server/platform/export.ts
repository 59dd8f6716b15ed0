import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export const exportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormat>;

/** Spreadsheet formula injection: a cell starting with = + - @ is neutralised with a quote. */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? safeCell(value) : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV as French spreadsheets expect it: UTF-8 with BOM, ';' separators, CRLF. */
export function toCsv<T>(columns: ExportColumn<T>[], rows: Iterable<T>): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(';')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(';'));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function toXlsx<T>(sheetName: string, columns: ExportColumn<T>[], rows: Iterable<T>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cohérence';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(10, Math.min(40, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        return typeof v === 'string' ? safeCell(v) : (v ?? null);
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function sendExport<T>(
  reply: FastifyReply,
  options: { format: ExportFormat; basename: string; sheetName: string; columns: ExportColumn<T>[]; rows: T[]; now: Date },
) {
  const stamp = options.now.toISOString().slice(0, 10);
  const filename = `${options.basename}-${stamp}.${options.format}`;
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  reply.header('cache-control', 'no-store');
  if (options.format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    return reply.send(toCsv(options.columns, options.rows));
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return reply.send(await toXlsx(options.sheetName, options.columns, options.rows));
}
