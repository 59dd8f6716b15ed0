import type { ServerSettings } from '../server/config.js';
import { openCaches, type Caches } from '../server/platform/cache.js';
import { systemCtx, type Ctx } from '../server/platform/context.js';
import { migrateDatabase, openDatabase, type Database } from '../server/platform/db.js';
import { AppError } from '../server/platform/errors.js';

/**
 * Opens the same database the server uses, migrates it, runs the command, closes it; exit code 1 on
 * error. The command's context has caches on that database, so what it writes is announced to the
 * running servers (their caches drop what changed, platform/cache.ts).
 */
export async function withDatabase(settings: ServerSettings, run: (database: Database, ctx: Ctx) => Promise<unknown>) {
  let database: Database | null = null;
  let cache: Caches | null = null;
  try {
    database = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir, lock: true });
    await migrateDatabase(database);
    cache = await openCaches({ database });
    const exitCode = await run(database, systemCtx(database, undefined, undefined, cache));
    process.exitCode = typeof exitCode === 'number' ? exitCode : 0;
  } catch (error) {
    console.error(error instanceof AppError ? `Erreur : ${error.message}` : error);
    if (error instanceof AppError && error.issues) for (const i of error.issues) console.error(`  ${i.path} : ${i.message}`);
    process.exitCode = 1;
  } finally {
    await cache?.close();
    await database?.close();
  }
}
