import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { AppError } from './errors.js';

/** The one database handle type: the same for PGlite and node-postgres, and for transactions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Bulk load rows as CSV text into a table (COPY FROM STDIN on the server, a blob on PGlite). */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
  /**
   * One transaction on one session whose COPY runs inside it, so a bulk write can stage rows in a
   * temporary table and merge them with set-based statements. Nested transactions are not allowed.
   */
  bulkTransaction<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
  /**
   * Listens on a notification channel until the returned function is called. `onGap` is called when
   * notifications may have been missed (the listening connection dropped and came back).
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>>;
  /** Sends a notification to every listener of the channel, in every process on this database. */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface BulkSession {
  db: Db;
  /** COPY … FROM CSV into a table, in this session's transaction. */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
}

const copyStatement = (table: string, columns: string[], source: string) =>
  `COPY ${table} (${columns.join(',')}) FROM ${source} WITH (FORMAT csv)`;

async function copyThrough(client: pg.ClientBase, table: string, columns: string[], csv: string): Promise<void> {
  const { from } = await import('pg-copy-streams');
  const stream = client.query(from(copyStatement(table, columns, 'STDIN')));
  await new Promise<void>((ok, fail) => {
    stream.on('finish', ok);
    stream.on('error', fail);
    stream.end(csv);
  });
}

export const migrationsFolder = resolve(fileURLToPath(new URL('../../../drizzle', import.meta.url)));

/** Rows of a raw SQL query, whichever driver runs it. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function databaseVersion(db: Db): Promise<string> {
  const [row] = await rows<{ version: string }>(db, sql`select current_setting('server_version') as version`);
  return row.version;
}

export interface OpenOptions {
  url?: string;
  dataDir?: string; // PGlite directory; undefined = in memory
  lock?: boolean; // hold the PGlite directory for this process
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openServer(options.url, options.poolSize ?? 20) : openPglite(options.dataDir, options.lock ?? false);
}

async function openServer(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgresql',
    async copyCsv(table, columns, csv) {
      const client = await pool.connect();
      try {
        await copyThrough(client, table, columns, csv);
      } finally {
        client.release();
      }
    },
    async bulkTransaction(work) {
      const client = await pool.connect();
      try {
        const session = drizzlePg(client) as unknown as Db;
        return await session.transaction((tx) => work({ db: tx, copyCsv: (table, columns, csv) => copyThrough(client, table, columns, csv) }));
      } finally {
        client.release();
      }
    },
    listen: (channel, onMessage, onGap) => listenOnServer(url, channel, onMessage, onGap),
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: () => pool.end(),
  };
}

/**
 * One dedicated connection per listener (LISTEN holds its session, so not a pooled one); when it
 * drops, it comes back after a pause and says a gap may have happened.
 */
async function listenOnServer(url: string, channel: string, onMessage: (payload: string) => void, onGap: () => void) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    const lost = () => {
      if (stopped || client !== next) return;
      client = null;
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect().then(onGap, lost), 1000);
    };
    next.on('error', lost);
    next.on('end', lost);
    client = next;
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  };
  try {
    await connect();
  } catch (error) {
    stopped = true;
    clearTimeout(retry);
    throw error;
  }
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const last = client;
    client = null;
    await last?.end().catch(() => undefined);
  };
}

const lockFileName = 'coherence.pid';

/** PGlite is single-process: a pid file tells a second process (the CLI) who holds the data. */
export function pgliteHolder(dataDir: string): number | null {
  const file = join(dataDir, lockFileName);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale lock from a process that is gone
  }
}

let pgliteClass: typeof PGlite | undefined;

/**
 * PGlite's JavaScript (its Emscripten runtime) and drizzle's PGlite driver are read only when a
 * PGlite database is opened: a server on PostgreSQL (DATABASE_URL) never loads them.
 */
async function loadPglite() {
  const [{ PGlite }, { btree_gin }, { pg_trgm }, { drizzle }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/btree_gin'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('drizzle-orm/pglite'),
  ]);
  pgliteClass = PGlite;
  return { PGliteClass: PGlite, btree_gin, pg_trgm, drizzlePglite: drizzle };
}

/** Whether a drizzle handle's client is a PGlite instance (false whenever PGlite was never loaded). */
export function isPgliteClient(client: unknown): boolean {
  return pgliteClass !== undefined && client instanceof pgliteClass;
}

async function openPglite(dataDir: string | undefined, lock: boolean): Promise<Database> {
  const { PGliteClass, btree_gin, pg_trgm, drizzlePglite } = await loadPglite();
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    const holder = pgliteHolder(dataDir);
    if (holder) {
      throw new AppError(
        'UNAVAILABLE',
        `Les données de ${dataDir} sont ouvertes par un autre processus (PID ${holder}), sans doute le serveur Cohérence : PGlite n'accepte qu'un processus à la fois. Arrêtez le serveur, ou utilisez un serveur PostgreSQL (DATABASE_URL).`,
      );
    }
    if (lock) writeFileSync(join(dataDir, lockFileName), String(process.pid));
  }
  const client = await PGliteClass.create({ dataDir: dataDir ? join(dataDir, 'pglite') : undefined, extensions: { pg_trgm, btree_gin } });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async copyCsv(table, columns, csv) {
      await client.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
    },
    // PGlite's transaction holds the only session: its statements, COPY included, go through `tx`
    bulkTransaction: (work) =>
      client.transaction((tx) =>
        work({
          db: drizzlePglite({ client: tx as unknown as PGlite }) as unknown as Db,
          copyCsv: async (table, columns, csv) => {
            await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
          },
        }),
      ),
    async listen(channel, onMessage) {
      // one process, one session: PGlite calls listeners when the notifying statement completes
      return client.listen(channel, onMessage);
    },
    async notify(channel, payload) {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      await client.close();
      if (dataDir && lock) rmSync(join(dataDir, lockFileName), { force: true });
    },
  };
}

/** Runs the drizzle-kit migrations; on a server, under an advisory lock so two starts do not race. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  await database.db.execute(sql`select pg_advisory_lock(724011)`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migratePg(database.db as any, { migrationsFolder });
  } finally {
    await database.db.execute(sql`select pg_advisory_unlock(724011)`);
  }
}
