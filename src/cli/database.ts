import type { ServerSettings } from '../server/config.js';
import { migrateDatabase, openDatabase, type Database } from '../server/platform/db.js';
import { AppError } from '../server/platform/errors.js';

/** Opens the same database the server uses, migrates it, runs the command, closes it; exit code 1 on error. */
export async function withDatabase(settings: ServerSettings, run: (database: Database) => Promise<unknown>) {
  let database: Database | null = null;
  try {
    database = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir, lock: true });
    await migrateDatabase(database);
    const exitCode = await run(database);
    process.exitCode = typeof exitCode === 'number' ? exitCode : 0;
  } catch (error) {
    console.error(error instanceof AppError ? `Erreur : ${error.message}` : error);
    if (error instanceof AppError && error.issues) for (const i of error.issues) console.error(`  ${i.path} : ${i.message}`);
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}
