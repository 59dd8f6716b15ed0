import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineOf, readSource, root, sourceFiles } from './source-files.js';

/**
 * Libraries few requests need, each several MB of heap once loaded: the server reads them at their
 * first use (`await import(…)`, exceljs through platform/export.ts's loadExcel), so they add
 * nothing to its memory at rest, which sets how high an export's peak goes (bench/export-memory.ts).
 */
const lazyLibraries = ['exceljs', 'pdf-lib', 'jszip'];

/** Static imports of `library` that bring its code in (type-only imports carry nothing at run time). */
function staticImports(path: string, text: string, library: string): string[] {
  const pattern = new RegExp(String.raw`^import\s+(?!type\s)[^;]*?from\s+'${library}';`, 'gm');
  return [...text.matchAll(pattern)].map((m) => `${path}:${lineOf(text, m.index)} ${m[0].split('\n')[0]}`);
}

describe('libraries loaded at their first use', () => {
  it('no server file imports exceljs, pdf-lib or jszip statically', () => {
    const files = [...sourceFiles(join(root, 'src/modules')), ...sourceFiles(join(root, 'src/server')), ...sourceFiles(join(root, 'src/cli'))];
    const found = files.flatMap((path) => lazyLibraries.flatMap((library) => staticImports(path, readSource(path), library)));
    expect(found, 'chargez-la à sa première utilisation : await import(…) (exceljs : loadExcel de platform/export.ts)').toEqual([]);
  });

  it('tells a static import from a type-only one', () => {
    const text = ["import ExcelJS from 'exceljs';", "import type ExcelJS from 'exceljs';", "import { PDFDocument,\n  StandardFonts } from 'pdf-lib';"].join('\n');
    expect(staticImports('x.ts', text, 'exceljs')).toEqual(["x.ts:1 import ExcelJS from 'exceljs';"]);
    expect(staticImports('x.ts', text, 'pdf-lib')).toEqual(['x.ts:3 import { PDFDocument,']);
  });
});
