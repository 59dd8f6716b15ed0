import { distributionPlan, readCatalogue } from '../src/server/platform/distribution.js';
import { migrateDatabase, openDatabase } from '../src/server/platform/db.js';

/**
 * npm run citus:plan: the Citus calls that place every table of the migrated schema (reference
 * tables first, then the distributed ones after the tables they point at), read from the catalogue
 * of DATABASE_URL, or of a fresh in-memory PGlite. Exits 1, printing why, when a table breaks the
 * distribution rules (ARCHITECTURE.md, « Distribution on Citus »).
 */
const database = await openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await migrateDatabase(database);
  const plan = distributionPlan(await readCatalogue(database.db));
  if (plan.violations.length > 0) {
    console.error(`Règles de distribution non respectées :\n${plan.violations.map((v) => `- ${v}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(['-- Cohérence on Citus: run on the coordinator once the schema is migrated', ...plan.statements].join('\n'));
  }
} finally {
  await database.close();
}
