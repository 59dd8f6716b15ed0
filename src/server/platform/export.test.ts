import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { exportStream, toCsv, toXlsx, type ExportColumn, type ExportFormat } from './export.js';

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

/**
 * A reader that never reads: the export must stop asking for rows once its buffers are full
 * (a few hundred kilobytes to a few megabytes), not turn the whole file into memory; and when the
 * reader goes away, the rows are closed (a cursor released).
 */
describe.each<ExportFormat>(['csv', 'xlsx'])('%s export to a stalled reader', (format) => {
  const total = 100_000;
  // varied text, as real rows: zlib cannot shrink it to nothing (about 400 bytes a row)
  const text = (i: number) => [1, 2, 3].map((k) => createHash('sha256').update(`${k}-${i}`).digest('hex')).join(' ');

  it('stops reading rows while nobody reads the file, and closes them when it is dropped', async () => {
    let pulled = 0;
    let closed = false;
    async function* rows() {
      try {
        for (let i = 0; i < total; i++, pulled++) yield { name: `Lycée ${text(i)} ${text(-i)}`, pupils: i };
      } finally {
        closed = true;
      }
    }
    const file = exportStream(format, { basename: 'essai', sheetName: 'Essai', columns, rows: rows() });
    // a socket whose peer stopped reading: it takes its buffer's worth, then never calls back
    file.pipe(new Writable({ write: () => undefined }));
    let seen = -1;
    await vi.waitFor(
      () => {
        const stable = pulled === seen;
        seen = pulled;
        expect(stable).toBe(true);
      },
      { interval: 100, timeout: 10_000 },
    );
    // 400-byte rows: 20,000 of them would be 8 MB waiting in buffers, the whole file 40 MB
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(20_000);
    file.destroy();
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(pulled).toBeLessThan(20_000);
  });
});
