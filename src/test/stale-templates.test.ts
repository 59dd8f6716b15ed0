import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStaleTemplates, inUseForSeconds, stampTemplate } from './stale-templates.js';

/**
 * On the PostgreSQL server of TEST_DATABASE_URL (skipped without it): templates of its own prefix,
 * which the test runs' own clean-up (prefix coherence_template_) never sees.
 */
const url = process.env.TEST_DATABASE_URL;
const prefix = `coherence_stalecheck_${randomBytes(4).toString('hex')}_`;
const newest = 1_796_654_544_664;
const now = 2_000_000_000;
const hoursAgo = (hours: number) => now - hours * 3600;
let client: pg.Client;

async function template(suffix: string): Promise<string> {
  const name = `${prefix}${suffix}`;
  await client.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
  return name;
}

async function existing(): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>('select datname as name from pg_database where starts_with(datname, $1) order by 1', [prefix]);
  return rows.map((row) => row.name).sort();
}

describe.skipIf(!url)('stale PostgreSQL test templates', () => {
  beforeAll(async () => {
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    for (const name of await existing()) {
      await client.query(`ALTER DATABASE ${name} IS_TEMPLATE false`);
      await client.query(`DROP DATABASE ${name}`);
    }
    await client.end();
  });

  it('drops the older schemas’ templates no run has taken for longer than a run lasts, and only those', async () => {
    const current = await template('current');
    await stampTemplate(client, current, { newestMigration: newest, usedAt: hoursAgo(5) });
    const oldUnused = await template('old_unused');
    await stampTemplate(client, oldUnused, { newestMigration: newest - 1, usedAt: now - inUseForSeconds });
    const oldRecent = await template('old_recent');
    await stampTemplate(client, oldRecent, { newestMigration: newest - 1, usedAt: now - inUseForSeconds + 60 });
    const otherBranch = await template('other_branch');
    await stampTemplate(client, otherBranch, { newestMigration: newest, usedAt: hoursAgo(48) });
    const newer = await template('newer');
    await stampTemplate(client, newer, { newestMigration: newest + 1, usedAt: hoursAgo(48) });
    const unstamped = await template('unstamped');

    const dropped = await dropStaleTemplates(client, { prefix, current, newestMigration: newest, now });
    expect(dropped).toEqual([oldUnused]);
    expect(await existing()).toEqual([current, newer, oldRecent, otherBranch, unstamped].sort());

    // a template made before stamps existed goes once a run's length has passed since it was first seen
    expect(await dropStaleTemplates(client, { prefix, current, newestMigration: newest, now: now + inUseForSeconds - 1 })).toEqual([oldRecent]);
    expect(await dropStaleTemplates(client, { prefix, current, newestMigration: newest, now: now + inUseForSeconds })).toEqual([unstamped]);
    expect(await existing()).toEqual([current, newer, otherBranch].sort());
  });
});
