import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'coherence-main-'));
const port = 3900 + Math.floor(Math.random() * 90);
const password = 'Essai-Demo-Coherence-42';
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `src/server/main.ts` as `npm start` does (without the web build) and waits for its banner. */
async function start(env: Record<string, string> = { COHERENCE_DATA_DIR: dataDir, COHERENCE_DEMO_PASSWORD: password }): Promise<{ child: ChildProcess; output: () => string }> {
  const { COHERENCE_DEMO_PASSWORD: _inherited, HOST: _host, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...inherited, DATABASE_URL: '', PORT: String(port), ...env },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 120_000;
  while (!output.includes('Cohérence écoute sur')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`le serveur n'a pas démarré :\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function login(email: string, secret = password) {
  return fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: secret }),
  });
}

// Each test starts whole servers, the first one loading the demo (half a minute on a quiet machine).
const startsTimeoutMs = 240_000;

// PGlite-only: the PostgreSQL run of the suite would repeat the same thing.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('npm start on PGlite', () => {
  it('loads the demo once, prints its accounts, and keeps the data across a restart', async () => {
    const first = await start();
    expect(first.output()).toContain('démo chargée');
    expect(first.output()).toContain('authority-admin.grand-est@demo.coherence.fr');
    const response = await login('authority-admin.hauts-de-france@demo.coherence.fr');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!.split(';')[0];
    const list = await (await fetch(`http://127.0.0.1:${port}/api/establishments?pageSize=1`, { headers: { cookie } })).json();
    expect(list.total).toBeGreaterThan(150);
    await stop(first.child);

    const second = await start();
    expect(second.output()).not.toContain('démo chargée');
    const again = await login('authority-admin.hauts-de-france@demo.coherence.fr');
    const cookie2 = again.headers.get('set-cookie')!.split(';')[0];
    const list2 = await (await fetch(`http://127.0.0.1:${port}/api/establishments?pageSize=1`, { headers: { cookie: cookie2 } })).json();
    expect(list2.total).toBe(list.total);
    await stop(second.child);
  }, startsTimeoutMs);
});

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('a first start without COHERENCE_DEMO_PASSWORD', () => {
  it('generates the demo password, prints it, keeps it for later starts, and listens on 127.0.0.1 only', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'coherence-main-generated-'));
    try {
      const first = await start({ COHERENCE_DATA_DIR: fresh });
      const generated = /mot de passe : (\S+), généré à ce premier démarrage/.exec(first.output())?.[1];
      expect(generated).toMatch(/^[A-Za-z0-9-]{20,}$/);
      expect(first.output()).toContain(`http://127.0.0.1:${port}`);
      expect(first.output()).not.toContain('0.0.0.0');
      expect((await login('authority-admin.hauts-de-france@demo.coherence.fr', generated)).status).toBe(200);
      expect((await login('authority-admin.hauts-de-france@demo.coherence.fr', 'Coherence-Demo-2026!')).status).toBe(401);
      await stop(first.child);
      const second = await start({ COHERENCE_DATA_DIR: fresh });
      expect(second.output()).toContain(`mot de passe : ${generated}, généré au premier démarrage`);
      await stop(second.child);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, startsTimeoutMs);
});
