import { describe, expect, it } from 'vitest';
import { allActions, type ModuleActions } from '../server/platform/authz.js';
import { modules } from './modules.js';

describe('module list', () => {
  it('names each module once, and its actions are those of its actions.ts (what the test setup registers)', () => {
    expect(new Set(modules.map((m) => m.name)).size).toBe(modules.length);
    const files = import.meta.glob<Record<string, ModuleActions>>('./*/actions.ts', { eager: true });
    const declared = Object.values(files).flatMap((exports) => Object.values(exports));
    expect(new Set(modules.map((m) => m.actions))).toEqual(new Set(declared));
    expect([...allActions()].sort()).toEqual(modules.flatMap((m) => m.actions.actions).sort());
  });
});
