import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type ExportColumn } from './export.js';

interface Row {
  name: string;
  pupils: number | null;
}
const columns: ExportColumn<Row>[] = [
  { header: 'Nom', value: (r) => r.name },
  { header: 'Élèves', value: (r) => r.pupils },
];

describe('CSV export', () => {
  it('writes UTF-8 with BOM, semicolons and CRLF, quoting what needs it', () => {
    const csv = toCsv(columns, [
      { name: 'Lycée "Jean; Bart"', pupils: 1200 },
      { name: 'Collège', pupils: null },
    ]);
    expect(csv.startsWith('\uFEFFNom;Élèves\r\n')).toBe(true);
    expect(csv).toContain('"Lycée ""Jean; Bart""";1200\r\n');
    expect(csv).toContain('Collège;\r\n');
  });

  it('neutralises spreadsheet formulas', () => {
    const csv = toCsv(columns, [{ name: '=HYPERLINK("http://x")', pupils: 1 }]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")";1`);
  });
});

describe('XLSX export', () => {
  it('writes a workbook whose first sheet holds the header and the rows', async () => {
    const buffer = await toXlsx('Établissements', columns, [{ name: 'Lycée A', pupils: 10 }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Établissements');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nom', 'Élèves']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Lycée A', 10]);
  });
});
