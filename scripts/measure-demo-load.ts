/** Times the demo load on a fresh PGlite directory: `npx tsx scripts/measure-demo-load.ts`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../src/demo/seed-demo.js';
import { modules } from '../src/modules/modules.js';
import { registerActions } from '../src/server/platform/authz.js';
import { migrateDatabase, openDatabase } from '../src/server/platform/db.js';

const dir = mkdtempSync(join(tmpdir(), 'coherence-demo-load-'));
const database = await openDatabase({ dataDir: dir });
await migrateDatabase(database);
registerActions(modules.map((m) => m.actions));
const started = performance.now();
await seedDemo(database, modules, { password: 'Mesure-Demo-Coherence-2026' });
console.log(`demo load: ${((performance.now() - started) / 1000).toFixed(1)} s`);
await database.close();
rmSync(dir, { recursive: true, force: true });
