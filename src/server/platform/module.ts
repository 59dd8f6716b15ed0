import type { FastifyInstance } from 'fastify';
import type { ModuleActions } from './authz.js';
import type { Ctx } from './context.js';
import type { Database } from './db.js';
import type { JobDefinition } from './jobs.js';

/**
 * What a module brings to the application, in one object listed once (src/modules/modules.ts):
 * `buildApp` loops over the list, the demo loader and the settings reader too. The platform knows
 * this type and nothing of the modules themselves.
 */
export interface ModuleDefinition {
  name: string;
  /** Route plugins and their prefix (`/api` for the API; '' for endpoints agents know by path). */
  routes: { plugin: (app: FastifyInstance) => Promise<void>; prefix: string }[];
  /** Background jobs, registered on the platform's one pg-boss instance (platform/jobs.ts). */
  jobs?: (app: FastifyInstance) => JobDefinition[];
  /** Loads the module's part of the demo, after the modules before it in the list. */
  demo?: (seed: DemoSeed) => Promise<void>;
  /** Reads the module's part of the configuration from the environment (main.ts passes process.env). */
  settings?: (env: NodeJS.ProcessEnv) => Partial<ModuleSettings>;
  /** The module's actions and each role's grants, gathered by the one authorization place. */
  actions: ModuleActions;
  /** What the module adds beside its routes (decorations, listeners), before any route is registered. */
  install?: (app: FastifyInstance) => void;
}

/**
 * The modules' settings in the app's configuration. Empty here: each module adds its own keys by
 * declaration merging (`declare module '…/platform/module.js' { interface ModuleSettings { … } }`).
 */
export interface ModuleSettings {}

/** What each module's demo receives; `tenants` (code → id) and `shared` carry what earlier modules made. */
export interface DemoSeed {
  ctx: Ctx;
  database: Database;
  password: string;
  tenants: Map<string, string>;
  shared: Map<string, unknown>;
}

/** Every module's settings from the environment, merged. */
export function moduleSettingsFromEnv(modules: readonly ModuleDefinition[], env: NodeJS.ProcessEnv): Partial<ModuleSettings> {
  return Object.assign({}, ...modules.map((m) => m.settings?.(env) ?? {})) as Partial<ModuleSettings>;
}
