import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildServer, serverEntry } from '../../scripts/build-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('pas de port libre'))));
    });
  });
}

let built: Promise<void> | undefined;

/**
 * What the server process runs: the compiled server, as `npm start` runs it (transpiled once per
 * bench run); BENCH_SERVER_TSX=1 runs src/server/main.ts through tsx instead, to compare;
 * BENCH_SERVER_ENTRY=<path to main.js> runs another build (another branch's `npx tsx scripts/build-server.ts`).
 */
async function serverCommand(entry = process.env.BENCH_SERVER_ENTRY): Promise<string[]> {
  // another build of the server (another branch's, to compare CPU per request on the same data)
  if (entry) return [entry];
  if (process.env.BENCH_SERVER_TSX === '1') return ['--import', 'tsx', 'src/server/main.ts'];
  await (built ??= buildServer());
  return [serverEntry];
}

export interface RunningServer {
  baseUrl: string;
  /** The server process's id (its memory is read from /proc/<pid>/status). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the real server (build/server/main.js compiled from src/server/main.ts, its logs included) in a child process on a loopback
 * port, with the demo off, and waits for /api/health.
 */
export async function startServer(
  env: { DATABASE_URL?: string; COHERENCE_DATA_DIR?: string; COHERENCE_BENCH_MEMORY_FILE?: string; [setting: string]: string | undefined },
  nodeOptions: string[] = [],
  /** Another build's main.js (see serverCommand). */
  entry?: string,
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // COHERENCE_BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (read
  // its top self-time functions to see what a request costs); off by default
  const profileDir = process.env.COHERENCE_BENCH_CPU_PROF;
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profiling, ...nodeOptions, ...(await serverCommand(entry))], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      COHERENCE_DEMO: 'off',
      COHERENCE_PUBLIC_URL: baseUrl,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté au démarrage : ${stderr}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`le serveur ne répond pas après 60 s : ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Logs in through the API; returns the Cookie header. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`connexion refusée (${response.status}) : ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('coh_session='));
  if (!cookie) throw new Error('pas de cookie de session');
  return cookie.split(';')[0];
}
