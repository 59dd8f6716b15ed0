import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverEntry } from '../../scripts/build-server';

export const demoPassword = 'E2e-Demo-Password-2026!';
export const repoRoot = resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** Everything the server printed, for failure messages. */
  output: () => string;
}

/**
 * The demo, seeded once for the whole e2e run by the real server (global-setup.ts), that each
 * journey's server starts from a copy of: a PGlite data directory, or a PostgreSQL database used as
 * a template. Seeding it (migrations, then every module's demo) is most of a server's start.
 */
export interface DemoData {
  dataDir: string;
  /** The template database's name, on TEST_DATABASE_URL's server. */
  database: string | null;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function adminQuery(baseUrl: string, statement: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

function urlOf(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh PostgreSQL database next to TEST_DATABASE_URL's (a copy of `template` if given), dropped by drop(). */
async function createDatabase(baseUrl: string, prefix: string, template?: string | null): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  // CREATE DATABASE … TEMPLATE is refused while a maintenance worker is briefly connected to the template (55006)
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(baseUrl, template ? `create database ${name} template ${template}` : `create database ${name}`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
  return { name, url: urlOf(baseUrl, name), drop: () => adminQuery(baseUrl, `drop database if exists ${name} with (force)`) };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}) before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server did not answer /api/health within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Runs the real server on a data directory and an optional PostgreSQL database until it answers /api/health. */
async function spawnServer(dataDir: string, databaseUrl: string | null, timeoutMs: number, cleanUp: () => Promise<void>): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    COHERENCE_DATA_DIR: dataDir,
    COHERENCE_DEMO_PASSWORD: demoPassword,
    COHERENCE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'test',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  // the transpiled server (global-setup.ts builds it once per run): no tsx loader to start each time
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await cleanUp();
  };

  try {
    await waitForHealth(url, child, timeoutMs, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop, output };
}

/**
 * Seeds the demo once with the real server (which migrates and loads it at its first start on
 * empty data), then stops it: its data directory (and, on PostgreSQL, its database) is what
 * every journey's server starts from. remove() deletes both.
 */
export async function prepareDemo(options: { timeoutMs?: number } = {}): Promise<{ demo: DemoData; remove: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coherence-e2e-demo-'));
  const baseUrl = process.env.TEST_DATABASE_URL;
  const database = baseUrl ? await createDatabase(baseUrl, 'coherence_e2e_demo') : null;
  const remove = async () => {
    await database?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const server = await spawnServer(dataDir, database?.url ?? null, options.timeoutMs ?? 300_000, async () => undefined);
    await server.stop();
  } catch (error) {
    await remove();
    throw error;
  }
  return { demo: { dataDir, database: database?.name ?? null }, remove };
}

/**
 * Starts the real server on a free port, on a copy of the demo data when given (else it seeds its
 * own), on PGlite in a temp dir or on a fresh PostgreSQL database.
 */
export async function startServer(options: { timeoutMs?: number; demo?: DemoData } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coherence-e2e-'));
  if (options.demo) cpSync(options.demo.dataDir, dataDir, { recursive: true });
  const baseUrl = process.env.TEST_DATABASE_URL;
  const database = baseUrl ? await createDatabase(baseUrl, 'coherence_e2e', options.demo?.database) : null;
  return spawnServer(dataDir, database?.url ?? null, options.timeoutMs ?? 240_000, async () => {
    await database?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });
}
