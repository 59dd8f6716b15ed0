import { demoAccounts } from '../modules/access/index.js';
import { organizationsView as organizations } from '../modules/referentiel/index.js';
import { systemCtx } from '../server/platform/context.js';
import type { Caches } from '../server/platform/cache.js';
import type { Database } from '../server/platform/db.js';
import type { DemoSeed, ModuleDefinition } from '../server/platform/module.js';

export { demoAccounts };

/** Loads the demo on an empty database, each module's part in the list's order; false when data is already there. */
export async function seedDemo(
  database: Database,
  modules: readonly ModuleDefinition[],
  options: { password: string; cache?: Caches },
): Promise<boolean> {
  const ctx = systemCtx(database, undefined, undefined, options.cache);
  const [any] = await ctx.db.select({ id: organizations.tenantId }).from(organizations).limit(1);
  if (any) return false;
  const seed: DemoSeed = { ctx, database, password: options.password, tenants: new Map(), shared: new Map() };
  for (const module of modules) await module.demo?.(seed);
  return true;
}
