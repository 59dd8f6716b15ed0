import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbiddenRawUses, rawUses } from './raw-sql.js';
import { readSource, root, sourceFiles } from './source-files.js';

describe('sql.raw', () => {
  it('pastes no data into a statement anywhere in the server', () => {
    const uses = [...sourceFiles(join(root, 'src/modules')), ...sourceFiles(join(root, 'src/server')), ...sourceFiles(join(root, 'src/cli'))].flatMap(
      (path) => rawUses(path, readSource(path)),
    );
    const offending = forbiddenRawUses(uses).map((u) => `${u.path}:${u.line} sql.raw(${u.argument})`);
    expect(offending, 'passez les valeurs en paramètres (uuidArray, textArray, pgArray de platform/prepared.ts)').toEqual([]);
  });

  it('tells a literal or an allowed column list from pasted data', () => {
    const text = [
      "sql.raw('now()')",
      'sql.raw(insertColumns)',
      "sql.raw(`'{${ids.join(',')}}'::uuid[]`)",
      'sql.raw(name)',
    ].join('\n');
    const found = forbiddenRawUses(rawUses('src/modules/parc/import/write-import-plan.ts', text));
    expect(found.map((u) => u.argument)).toEqual(["`'{${ids.join(',')}}'::uuid[]`", 'name']);
  });
});
