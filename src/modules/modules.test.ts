import { describe, expect, it } from 'vitest';
import { allActions, type ModuleActions } from '../server/platform/authz.js';
import { modules } from './modules.js';

describe('module list', () => {
  it('names each module once, and its actions are those of its actions.ts (what the test setup registers)', () => {
    expect(new Set(modules.map((m) => m.name)).size).toBe(modules.length);
    // a module's actions.ts, and the actions.ts of its parts (a kind of call, the orders) that it joins to them
    const files = import.meta.glob<Record<string, ModuleActions>>(['./*/actions.ts', './*/*/actions.ts'], { eager: true });
    const declared = new Set(Object.values(files).flatMap((exports) => Object.values(exports).flatMap((set) => (Array.isArray(set?.actions) ? set.actions : []))));
    expect(modules.flatMap((m) => m.actions.actions).sort()).toEqual([...declared].sort());
    expect([...allActions()].sort()).toEqual(modules.flatMap((m) => m.actions.actions).sort());
  });
});
