import ExcelJS from 'exceljs';

/** Test support: a one-sheet XLSX workbook of these rows, as a spreadsheet would save it. */
export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Parc');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Test support: CSV as French spreadsheets write it (UTF-8 with BOM, « ; », CRLF). */
export function frenchCsv(rows: string[][]): Buffer {
  const cell = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n');
}
