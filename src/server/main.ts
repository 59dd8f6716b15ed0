import { generateDemoPassword, recallDemoPassword, rememberDemoPassword } from '../demo/demo-password.js';
import { seedDemo, demoAccounts } from '../demo/seed-demo.js';
import { modules } from '../modules/modules.js';
import { buildApp } from './app.js';
import { readSettings } from './config.js';
import { registerActions } from './platform/authz.js';
import { openCaches } from './platform/cache.js';
import { migrateDatabase, openDatabase } from './platform/db.js';
import { AppError } from './platform/errors.js';

/** The only file that reads process.env. */
async function main() {
  const settings = readSettings(process.env, modules);
  const database = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir, lock: true });
  await migrateDatabase(database);
  registerActions(modules.map((m) => m.actions));
  // the app's caches, open before the demo so what it writes is announced to other processes
  const cache = await openCaches({ database });
  const demoPassword = settings.demoPassword ?? generateDemoPassword();
  const seeded = settings.loadDemo ? await seedDemo(database, modules, { password: demoPassword, cache }) : false;
  if (seeded && !settings.demoPassword && database.kind === 'pglite') await rememberDemoPassword(settings.dataDir, demoPassword);
  const app = await buildApp({
    database,
    modules,
    cache,
    logger: true,
    responses: 'compiled',
    config: { secureCookies: settings.secureCookies, publicUrl: settings.publicUrl, oidc: settings.oidc, trustProxy: settings.trustProxy, jobs: settings.jobs, ...settings.modules },
  });
  const stop = async () => {
    await app.close();
    await cache.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ port: settings.port, host: settings.host });
  const where = database.kind === 'pglite' ? `PGlite (${settings.dataDir})` : 'PostgreSQL (DATABASE_URL)';
  if (settings.loadDemo) {
    console.log(`\nComptes de démonstration (mot de passe : ${await demoPasswordLine(settings, seeded, demoPassword)}) :`);
    for (const account of demoAccounts) console.log(`  ${account.email.padEnd(58)} ${account.description}`);
  }
  // last, as the ready signal scripts and tests wait for
  console.log(`\nCohérence écoute sur ${settings.publicUrl} — données : ${where}${seeded ? ' — démo chargée' : ''}`);
}

/** Says the password once it was generated; never repeats COHERENCE_DEMO_PASSWORD's. */
async function demoPasswordLine(settings: ReturnType<typeof readSettings>, seeded: boolean, generated: string): Promise<string> {
  if (settings.demoPassword) return 'celui de COHERENCE_DEMO_PASSWORD';
  if (seeded) return `${generated}, généré à ce premier démarrage`;
  const kept = onPglite(settings) ? await recallDemoPassword(settings.dataDir) : null;
  return kept ? `${kept}, généré au premier démarrage` : 'celui affiché au premier démarrage';
}

function onPglite(settings: ReturnType<typeof readSettings>): boolean {
  return !settings.databaseUrl;
}

main().catch((error) => {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(1);
});
