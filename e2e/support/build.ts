import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server';

const sources = ['index.html', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json', 'src/web'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds dist/web when it is missing or older than the web sources (the server serves that build). */
export function ensureWebBuilt() {
  const built = join(repoRoot, 'dist/web/index.html');
  const sourceTime = Math.max(...sources.map((s) => join(repoRoot, s)).filter(existsSync).map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
}
