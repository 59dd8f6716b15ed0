import type pg from 'pg';

/**
 * The PostgreSQL test templates (`coherence_template_<key>`, one per set of migrations) that no run
 * needs any more. Every run stamps the template it copies (a comment: the newest migration it was
 * built from and when it was last taken), and drops, at its start, the templates built from an
 * older schema that no run has taken for longer than any run lasts. A template built from another
 * branch's migrations as new as ours is kept: another checkout may be testing them.
 */

/** Longer than any test run (the whole npm test takes under an hour): a template taken more recently may be in use. */
export const inUseForSeconds = 2 * 60 * 60;

interface Stamp {
  /** The `when` of the newest migration the template was built from; null when it was built by code that did not stamp. */
  newestMigration: number | null;
  usedAt: number;
}

const stampPattern = /^coherence test template; newest migration (\d+|unknown); used at (\d+)$/;

function readStamp(comment: string | null): Stamp | null {
  const match = stampPattern.exec(comment ?? '');
  if (!match) return null;
  return { newestMigration: match[1] === 'unknown' ? null : Number(match[1]), usedAt: Number(match[2]) };
}

export const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** Records that a run takes `template` now (a database's owner may comment on it, connections or not). */
export async function stampTemplate(client: pg.Client, template: string, stamp: Stamp): Promise<void> {
  const text = `coherence test template; newest migration ${stamp.newestMigration ?? 'unknown'}; used at ${stamp.usedAt}`;
  await client.query(`COMMENT ON DATABASE ${client.escapeIdentifier(template)} IS ${client.escapeLiteral(text)}`);
}

function isStale(stamp: Stamp, newestMigration: number, now: number): boolean {
  const older = stamp.newestMigration === null || stamp.newestMigration < newestMigration;
  return older && now - stamp.usedAt >= inUseForSeconds;
}

export interface StaleTemplatesScope {
  /** The names' common start (`coherence_template_`). */
  prefix: string;
  /** The template of the current migrations, never dropped. */
  current: string;
  newestMigration: number;
  now: number;
}

/**
 * Drops this role's stale templates named `prefix…`; returns their names. A template never stamped
 * (made before stamps existed) is stamped « unknown » on first sight, which gives a run of older
 * code that may be copying it right now the same delay before it goes.
 */
export async function dropStaleTemplates(client: pg.Client, scope: StaleTemplatesScope): Promise<string[]> {
  const { rows } = await client.query<{ name: string; comment: string | null }>(
    `select datname as name, shobj_description(oid, 'pg_database') as comment from pg_database
      where datistemplate and starts_with(datname, $1) and datname <> $2 and datdba = (select oid from pg_roles where rolname = current_user)`,
    [scope.prefix, scope.current],
  );
  const dropped: string[] = [];
  for (const { name, comment } of rows) {
    const stamp = readStamp(comment);
    if (!stamp) await stampTemplate(client, name, { newestMigration: null, usedAt: scope.now });
    else if (isStale(stamp, scope.newestMigration, scope.now)) {
      // a template cannot be dropped; DROP waits for a CREATE DATABASE copying it to end
      await client.query(`ALTER DATABASE ${client.escapeIdentifier(name)} IS_TEMPLATE false`);
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
      dropped.push(name);
    }
  }
  return dropped;
}
