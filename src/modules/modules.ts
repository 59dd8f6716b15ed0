import type { ModuleDefinition } from '../server/platform/module.js';
import { accessModule } from './access/index.js';
import { guichetModule } from './guichet/index.js';
import { parcModule } from './parc/index.js';
import { pilotageModule } from './pilotage/index.js';
import { referentielModule } from './referentiel/index.js';

/**
 * The application's modules, listed once, in dependency order: the référentiel first (the
 * organizations everything belongs to), then people and roles, then the modules built on them.
 * `buildApp` registers them in this order, the demo loads them in this order.
 */
export const modules: readonly ModuleDefinition[] = [referentielModule, accessModule, parcModule, guichetModule, pilotageModule];
