/// <reference types="vite/client" />
import { registerActions, type ModuleActions } from '../server/platform/authz.js';

/**
 * What buildApp, the server and the CLI do at startup (registerActions over the module list), done
 * here for the tests that authorize without an app. Each module's actions.ts is read directly, not
 * the module list, which would load every route of every module before a pure unit test
 * (src/modules/modules.test.ts checks both give the same actions).
 */
const files = import.meta.glob<Record<string, ModuleActions>>('../modules/*/actions.ts', { eager: true });
registerActions(Object.values(files).flatMap((exports) => Object.values(exports)));
