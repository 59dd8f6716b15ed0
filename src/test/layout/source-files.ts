import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, and helpers the layout tests share to read its sources. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const modulesDir = join(root, 'src/modules');

export const moduleNames = (): string[] =>
  readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** Tests and their fixtures may arrange cases any way they need. */
export const isTestFile = (path: string) => /(\.test\.ts$|\/testing\.ts$|\/testing\/|\/testing-[^/]*\.ts$|-test-data\.ts$|^src\/test\/)/.test(path);

/** Production TypeScript files under `dir`, as repository-relative paths. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
    const path = relative(root, join(entry.parentPath, entry.name));
    if (!isTestFile(path)) found.push(path);
  }
  return found.sort();
}

export const readSource = (path: string) => readFileSync(join(root, path), 'utf8');

export const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
