import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../server/platform/db.js';
import { scratchDatabase } from '../test/database.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/coherence.mjs', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/annuaire/${name}`, import.meta.url));

let env: NodeJS.ProcessEnv;
let dataDir: string;
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'coherence-cli-'));
  env = { ...process.env, COHERENCE_DATA_DIR: dataDir, DATABASE_URL: '' };
  if (process.env.TEST_DATABASE_URL) {
    // on the server, the CLI gets its own scratch database, migrated by its first command
    const database = await scratchDatabase(process.env.TEST_DATABASE_URL, 'coherence_cli');
    const url = new URL(process.env.TEST_DATABASE_URL);
    const [{ name }] = await rows<{ name: string }>(database.db, sql`select current_database() as name`);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanup = () => database.close();
  }
});
afterAll(async () => {
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

async function coherence(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// each command is a process of its own that opens (and on PGlite, loads) the database: four or five
// of them in a test took over 60 s on a loaded two-core machine; each keeps its own 120 s limit
describe('coherence command line', { timeout: 300_000 }, () => {
  it('prints its help', async () => {
    const { stdout } = await coherence('--help');
    for (const command of ['migrate', 'organizations', 'import', 'users']) expect(stdout).toContain(command);
  });

  it('migrates, creates an authority, imports its schools and creates a user', async () => {
    expect((await coherence('migrate')).stdout).toContain('Migrations appliquées');
    const org = await coherence('organizations', 'create', '--code', 'bretagne', '--kind', 'region', '--name', 'Région Bretagne');
    expect(org.code).toBe(0);
    const imported = await coherence('import', 'establishments', fixture('fr-en-annuaire-education-ille-et-vilaine.csv'), '--authority', 'bretagne');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/créés : \d+/);
    expect(imported.stdout).toMatch(/ignorés : [1-9]\d*/); // inspection offices and services are skipped
    const again = await coherence('import', 'establishments', fixture('fr-en-annuaire-education-ille-et-vilaine.csv'), '--authority', 'bretagne');
    expect(again.stdout).toMatch(/créés : 0, mis à jour : 0/);
    const user = await coherence('users', 'create', '--email', 'admin@bretagne.fr', '--password', 'Bretagne-2026-Secret', '--role', 'authority-admin', '--organization', 'bretagne');
    expect(user.stdout).toContain('Compte créé');
  });

  it('reports the rows outside the authority’s competence and writes them only when confirmed', async () => {
    expect((await coherence('organizations', 'create', '--code', 'hauts-de-france', '--kind', 'region', '--name', 'Région Hauts-de-France')).code).toBe(0);
    const file = fixture('fr-en-annuaire-education-ille-et-vilaine.csv');
    const preview = await coherence('import', 'establishments', file, '--authority', 'hauts-de-france', '--preview');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/à créer : 0, .*hors compétence : 946\n/);
    expect(preview.stdout).toContain('Aperçu seulement');
    const applied = await coherence('import', 'establishments', file, '--authority', 'hauts-de-france');
    expect(applied.stdout).toMatch(/créés : 0, .*hors compétence : 946\n/);
    const confirmed = await coherence('import', 'establishments', file, '--authority', 'hauts-de-france', '--confirm-out-of-scope', '--preview');
    expect(confirmed.stdout).toMatch(/à créer : 946, .*hors compétence : 946 \(confirmés\)/);
    expect(confirmed.stdout).toContain('Premières lignes à créer :\n  ligne 2 (0350122T)');
  });

  it('exits non-zero with a French reason when a file is refused', async () => {
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, Buffer.from('numero_uai;appellation_officielle\r\nCollège;Lille\r\n', 'latin1'));
    const refused = await coherence('import', 'establishments', bad, '--authority', 'bretagne');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Erreur : /);
    const weak = await coherence('users', 'create', '--email', 'x@bretagne.fr', '--password', 'court', '--role', 'auditor', '--organization', 'bretagne');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('12 caractères');
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))('says plainly when a running server holds the PGlite directory', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dataDir, 'coherence.pid'), String(holder.pid));
      const { code, stderr } = await coherence('migrate');
      expect(code).toBe(1);
      expect(stderr).toContain(`PID ${holder.pid}`);
      expect(stderr).toContain('DATABASE_URL');
    } finally {
      holder.kill();
      rmSync(join(dataDir, 'coherence.pid'), { force: true });
    }
  });
});
