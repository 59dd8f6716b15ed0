import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const importsOf = (text: string) => [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]);

const sourcesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));

/** The server-side files the web imports (each operation's schema-only input file). */
function moduleFilesTheWebImports(): string[] {
  const targets = sourcesUnder(join(root, 'web')).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(dirname(file), spec))
      .filter((target) => target.startsWith(join(root, 'modules'))),
  );
  return [...new Set(targets.map((t) => `${t.replace(/\.js$/, '')}.ts`))];
}

/** Libraries the browser bundle may take with the schemas: zod, and luxon for the time zones a calendar names. */
const browserLibraries = new Set(['zod', 'luxon']);

const relativeTargets = (file: string) =>
  importsOf(readFileSync(file, 'utf8'))
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => `${resolve(dirname(file), spec).replace(/\.js$/, '')}.ts`);

/**
 * Files the browser bundle takes whole: src/shared, the input files, whatever else the web imports
 * from the modules, and the module files those import in turn (a schema's own pure rules).
 */
function browserSafeFiles(): string[] {
  const inputs = sourcesUnder(join(root, 'modules')).filter((f) => f.endsWith('.input.ts'));
  const found = new Set([...sourcesUnder(here), ...inputs, ...moduleFilesTheWebImports()]);
  for (const file of found) {
    for (const target of relativeTargets(file)) if (target.startsWith(join(root, 'modules'))) found.add(target);
  }
  return [...found];
}

describe('what the web imports from the server side', () => {
  it('finds the files to check', () => {
    const files = browserSafeFiles();
    expect(files.some((f) => f.endsWith('update-establishment.input.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('academies.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('support-team.input.ts'))).toBe(true);
  });

  it('imports only zod and other such files: no server or web code, no node module, no database', () => {
    const browserSafe = new Set(browserSafeFiles());
    const allowed = (file: string, spec: string) => {
      if (browserLibraries.has(spec)) return true;
      if (!spec.startsWith('.')) return false;
      const target = resolve(dirname(file), spec);
      return target.startsWith(here) || target.endsWith('.input.js') || browserSafe.has(`${target.replace(/\.js$/, '')}.ts`);
    };
    const offending = browserSafeFiles().flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => !allowed(file, spec))
        .map((spec) => `${file.slice(root.length)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('takes from the modules only their *.input.ts files (the e2e build and the bundle watch those)', () => {
    expect(moduleFilesTheWebImports().filter((f) => !f.endsWith('.input.ts'))).toEqual([]);
  });

  it('refuses what the server refuses: the establishment form and PATCH share one schema', async () => {
    await import('./zod-locale.js');
    const { updateEstablishmentInput } = await import('../modules/referentiel/operations/update-establishment.input.js');
    const result = updateEstablishmentInput.safeParse({ version: 1, phone: 'abc', pupils: -5, email: 'x' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages.phone).toMatch(/^Numéro de téléphone invalide/);
    expect(messages.pupils).toBe('Le nombre d’élèves ne peut pas être négatif.');
    expect(messages.email).toBe('adresse e-mail invalide');
    expect(updateEstablishmentInput.safeParse({ version: 1, phone: '+33 3 20 12 34 56', pupils: 850 }).success).toBe(true);
  });
});
