import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { readAssetFile } from './read-asset-file.js';
import { xlsxOf } from './testing-files.js';

async function refusal(bytes: Uint8Array): Promise<AppError> {
  try {
    await readAssetFile(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('readAssetFile', () => {
  it('reads a CSV exported by a French spreadsheet (UTF-8 with BOM, « ; », CRLF) and drops empty lines', async () => {
    const csv = '\uFEFFN° de série;UAI;Salle\r\nPF3ABC12;0590001F;B12\r\n;;\r\nPF3ABC13;0590001F;"Salle ; CDI"\r\n';
    const table = await readAssetFile(Buffer.from(csv));
    expect(table.format).toBe('csv');
    expect(table.header).toEqual(['N° de série', 'UAI', 'Salle']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['PF3ABC12', '0590001F', 'B12'], problem: undefined },
      { line: 4, cells: ['PF3ABC13', '0590001F', 'Salle ; CDI'], problem: undefined },
    ]);
  });

  it('reads an XLSX workbook: dates as YYYY-MM-DD, numbers, formulas by their result', async () => {
    const bytes = await xlsxOf([
      ['Numéro de série', 'Date d’achat', 'Prix', 'Total'],
      ['PF3ABC12', new Date(Date.UTC(2024, 8, 1)), 1249.9, { formula: 'C2*2', result: 2499.8 }],
    ]);
    const table = await readAssetFile(bytes);
    expect(table.format).toBe('xlsx');
    expect(table.header).toEqual(['Numéro de série', 'Date d’achat', 'Prix', 'Total']);
    expect(table.rows).toEqual([{ line: 2, cells: ['PF3ABC12', '2024-09-01', '1249.9', '2499.8'] }]);
  });

  it('refuses a Windows-1252 file, naming the line and the fix', async () => {
    const error = await refusal(Buffer.from('N° de série;Salle\r\nPF3;Ré\xe9union\r\n', 'latin1'));
    expect(error.message).toMatch(/pas encodé en UTF-8.*Windows-1252/);
    expect(error.message).toContain('ligne 1');
  });

  it('refuses a truncated file, a truncated workbook, random bytes, UTF-16 and the old .xls format', async () => {
    expect((await refusal(Buffer.from('Série;Salle\r\nPF3;"B12\r\n'))).message).toMatch(/tronqué/);
    expect((await refusal(Buffer.from('Série;Salle;UAI\r\nPF3;B12;0590001F\r\nPF4;B1'))).message).toMatch(/tronqué/);
    const workbook = await xlsxOf([['Série'], ['PF3']]);
    expect((await refusal(workbook.subarray(0, Math.floor(workbook.length / 2)))).message).toMatch(/classeur Excel est illisible/);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect((await refusal(random)).message).toMatch(/ni un tableau CSV ni un classeur/);
    expect((await refusal(Buffer.from('\uFEFFSérie;Salle\r\n', 'utf16le'))).message).toMatch(/UTF-16/);
    expect((await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).message).toMatch(/97-2003/);
    expect((await refusal(Buffer.alloc(0))).message).toMatch(/vide/);
  });
});
