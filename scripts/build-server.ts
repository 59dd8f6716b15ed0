/**
 * Transpiles the server's TypeScript to JavaScript in build/ (one file per source file, same
 * layout as src/, so every `new URL('…', import.meta.url)` still points where it did), and copies
 * the data files the server reads beside its sources. `npm start` and the benches run
 * `node build/server/main.js`: without tsx the server carries no loader thread, no transpiler
 * and no inline source maps (measured in bench/export-memory.ts: see its note). Type checking
 * stays with `tsc --noEmit`; esbuild only strips types, as tsx does. Takes about a second.
 * `npx tsx scripts/build-server.ts`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const srcDir = join(root, 'src');
/** One level under the root, as src/ is: `../../drizzle` from build/server/ is the root's drizzle/. */
export const serverBuildDir = join(root, 'build');
export const serverEntry = join(serverBuildDir, 'server/main.js');

/** The web app (vite builds it) and the tests are not part of the server. */
const skipped = (path: string) => path.startsWith(join(srcDir, 'web')) || path.startsWith(join(srcDir, 'test')) || /\.test\.ts$/.test(path);

function filesOf(path: string): string[] {
  if (skipped(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesOf(join(path, name)));
}

export async function buildServer(options: { log?: (line: string) => void } = {}): Promise<void> {
  const started = performance.now();
  const files = filesOf(srcDir);
  const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  rmSync(serverBuildDir, { recursive: true, force: true });
  await build({
    entryPoints: sources,
    outdir: serverBuildDir,
    outbase: srcDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    sourcemap: false,
    logLevel: 'warning',
    tsconfig: join(root, 'tsconfig.json'),
  });
  // the files the sources read through import.meta.url (CPV codes, JSON schemas, outlines…)
  const data = files.filter((f) => !f.endsWith('.ts') && !f.endsWith('.tsx'));
  for (const file of data) {
    const target = join(serverBuildDir, relative(srcDir, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  if (!existsSync(serverEntry)) throw new Error(`la construction du serveur n’a pas écrit ${serverEntry}`);
  options.log?.(`Serveur transpilé en ${((performance.now() - started) / 1000).toFixed(1)} s (${sources.length} fichiers, ${data.length} fichiers de données copiés).`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer({ log: (line) => console.log(line) });
}
