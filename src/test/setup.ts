/// <reference types="vite/client" />
import { registerActions, type ModuleActions } from '../server/platform/authz.js';

/**
 * What buildApp, the server and the CLI do at startup (registerActions over the module list), done
 * here for the tests that authorize without an app. Each module's actions.ts is read directly, not
 * the module list, which would load every route of every module before a pure unit test
 * (src/modules/modules.test.ts checks both give the same actions).
 */
// a module's actions.ts and those of its parts (a kind of call, the orders, governance)
const files = import.meta.glob<Record<string, ModuleActions>>(['../modules/*/actions.ts', '../modules/*/*/actions.ts'], { eager: true });
const isActionSet = (value: unknown): value is ModuleActions => Array.isArray((value as ModuleActions | undefined)?.actions);
const sets = Object.values(files).flatMap((exports) => Object.values(exports).filter(isActionSet));
// a part's set that its module's actions.ts already joins (the orders' in marchés') is registered once, with the module's
const joinedElsewhere = (set: ModuleActions) => sets.some((other) => other !== set && set.actions.every((a) => other.actions.includes(a)));
registerActions(sets.filter((set) => !joinedElsewhere(set)));
