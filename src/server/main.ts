import { seedDemo, demoAccounts } from '../demo/seed-demo.js';
import { buildApp } from './app.js';
import { readSettings } from './config.js';
import { migrateDatabase, openDatabase } from './platform/db.js';
import { AppError } from './platform/errors.js';

/** The only file that reads process.env. */
async function main() {
  const settings = readSettings(process.env);
  const database = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir, lock: true });
  await migrateDatabase(database);
  const seeded = settings.loadDemo ? await seedDemo(database, { password: settings.demoPassword }) : false;
  const app = await buildApp({
    database,
    logger: true,
    responses: 'compiled',
    config: { secureCookies: settings.secureCookies, publicUrl: settings.publicUrl, oidc: settings.oidc, trustProxy: settings.trustProxy, mail: settings.mail, jobs: settings.jobs, inventory: settings.inventory },
  });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ port: settings.port, host: settings.host });
  const where = database.kind === 'pglite' ? `PGlite (${settings.dataDir})` : 'PostgreSQL (DATABASE_URL)';
  if (settings.loadDemo) {
    console.log(`\nComptes de démonstration (mot de passe : ${settings.demoPasswordFromEnv ? 'celui de COHERENCE_DEMO_PASSWORD' : settings.demoPassword}) :`);
    for (const account of demoAccounts) console.log(`  ${account.email.padEnd(58)} ${account.description}`);
  }
  // last, as the ready signal scripts and tests wait for
  console.log(`\nCohérence écoute sur ${settings.publicUrl} — données : ${where}${seeded ? ' — démo chargée' : ''}`);
}

main().catch((error) => {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(1);
});
