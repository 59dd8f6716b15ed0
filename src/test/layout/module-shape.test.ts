import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingParts } from './module-shape.js';
import { modulesDir, moduleNames } from './source-files.js';

describe('module shape', () => {
  it('every module folder has the same parts', () => {
    const problems = moduleNames().flatMap((name) => missingParts(join(modulesDir, name)).map((part) => `src/modules/${name} : il manque ${part}`));
    expect(moduleNames().length).toBeGreaterThanOrEqual(4);
    expect(problems, 'chaque module a la même forme (ARCHITECTURE.md)').toEqual([]);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'module-shape-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('names what a folder lacks', () => {
    mkdirSync(join(scratch, 'db'));
    mkdirSync(join(scratch, 'routes'));
    writeFileSync(join(scratch, 'db/schema.ts'), '');
    writeFileSync(join(scratch, 'presenters.ts'), '');
    expect(missingParts(scratch)).toEqual(['index.ts (its public surface)', 'operations/ (one file per operation)']);
  });
});
