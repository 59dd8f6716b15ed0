import { testDatabase } from './src/test/database.js';
import { modules } from './src/modules/modules.js';
import { registerActions } from './src/server/platform/authz.js';
import { systemCtx } from './src/server/platform/context.js';
import type { DemoSeed } from './src/server/platform/module.js';

registerActions(modules.map((m) => m.actions));
const database = await testDatabase();
const ctx = systemCtx(database.db);
const seed: DemoSeed = { ctx, database, password: 'Demo-Password-2026!', tenants: new Map(), shared: new Map() };
for (const m of modules) {
  const t0 = Date.now();
  await m.demo?.(seed);
  console.log(m.name, Date.now() - t0, 'ms');
}
const r = await database.db.execute(`select count(*) from referentiel.establishments e join referentiel.organizations o on o.tenant_id = e.tenant_id where o.code = 'rennes-metropole'` as never);
console.log(JSON.stringify((r as { rows: unknown[] }).rows));
process.exit(0);
