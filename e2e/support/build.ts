import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server';

// the web also bundles src/shared and the operations' schema-only *.input.ts files (its forms' rules)
const sources = ['index.html', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json', 'src/web', 'src/shared', 'src/modules'];
const bundled = (path: string) => !path.includes('/src/modules/') || path.endsWith('.input.ts');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return bundled(path) ? stat.mtimeMs : 0;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), bundled(path) ? stat.mtimeMs : 0);
}

/** Builds dist/web when it is missing or older than the web sources (the server serves that build). */
export function ensureWebBuilt() {
  const built = join(repoRoot, 'dist/web/index.html');
  const sourceTime = Math.max(...sources.map((s) => join(repoRoot, s)).filter(existsSync).map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
}
