/**
 * Builds the web app only when its sources changed since the last build, then writes a brotli and
 * a gzip copy of each text file beside it (the server sends them by content negotiation). The
 * sources' hash is kept in dist/web.source-hash. `npx tsx scripts/build-web.ts [--force]`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
// the web also bundles the operations' schema-only *.input.ts files (its forms' rules)
const sources = ['src/web', 'src/shared', 'src/modules', 'index.html', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json', 'scripts/build-web.ts'];
const bundled = (path: string) => !path.includes('/src/modules/') || path.endsWith('.input.ts');
const outDir = join(root, 'dist/web');
const hashFile = join(root, 'dist/web.source-hash');
const compressible = /\.(js|mjs|css|html|svg|json|txt)$/; // source maps are fetched by developer tools only

function filesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return bundled(path) ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesOf(join(path, name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of sources.flatMap((s) => filesOf(join(root, s)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function compressAll(): number {
  let written = 0;
  for (const file of filesOf(outDir).filter((f) => compressible.test(f))) {
    const bytes = readFileSync(file);
    if (bytes.length < 1024) continue;
    writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    written++;
  }
  return written;
}

/** Returns true when it built, false when the last build is still that of the sources. */
export function buildWebIfChanged(options: { force?: boolean; log?: (line: string) => void } = {}): boolean {
  const hash = sourceHash();
  const current = existsSync(hashFile) && existsSync(join(outDir, 'index.html')) ? readFileSync(hashFile, 'utf8').trim() : null;
  if (!options.force && current === hash) {
    options.log?.('Application web déjà construite pour ces sources.');
    return false;
  }
  const started = performance.now();
  // NODE_ENV forced: a build started from the tests (NODE_ENV=test) would otherwise ship React's
  // development build, and npm start would then serve it since the sources did not change
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
  const compressed = compressAll();
  writeFileSync(hashFile, hash + '\n');
  options.log?.(`Application web construite en ${((performance.now() - started) / 1000).toFixed(1)} s (${compressed} fichiers compressés en brotli et gzip).`);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWebIfChanged({ force: process.argv.includes('--force'), log: (line) => console.log(line) });
}
