import { lineOf } from './source-files.js';

export interface ModuleTables {
  module: string;
  /** Its PostgreSQL schema (pgSchema). */
  schema: string;
  tables: string[];
  /** Table objects its index.ts exports (each one lets other modules write SQL on it). */
  exportedTables: string[];
}

/**
 * What a file of `module` reads of other modules' tables: a `schema.table` in SQL text, a table
 * object imported from another module's index, or another module's `db/schema` imported. A
 * module's own `db/schema.ts` may import another schema for its foreign keys only.
 */

export function crossModuleReads(module: string, path: string, text: string, owners: ModuleTables[]): string[] {
  const found: { at: number; what: string }[] = [];
  for (const owner of owners) {
    if (owner.module === module) continue;
    for (const match of text.matchAll(new RegExp(`\\b${owner.schema}\\.(\\w+)\\b`, 'g'))) {
      if (owner.tables.includes(match[1])) found.push({ at: match.index, what: `names ${owner.schema}.${match[1]}` });
    }
    const imports = new RegExp(`import (?:type )?\\{([^}]*)\\} from '(?:\\.\\./)+(?:modules/)?${owner.module}/([^']+)'`, 'g');
    for (const match of text.matchAll(imports)) {
      if (match[2] === 'db/schema.js' && !isSchemaFileOf(module, path)) {
        found.push({ at: match.index, what: `imports the schema of ${owner.module}` });
      }
      if (match[2] !== 'index.js') continue;
      const names = match[1].split(',').map((n) => n.trim().replace(/^type /, '').split(/\s+as\s+/)[0]);
      for (const name of names.filter((n) => owner.exportedTables.includes(n))) {
        found.push({ at: match.index, what: `imports the table ${name} of ${owner.module}` });
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => `${path}:${lineOf(text, f.at)} ${f.what}`);
}

/** A module's schema file: `db/schema.ts`, or a part's own (`<part>/db/schema.ts`, drizzle.config's second glob). */
export function isSchemaFileOf(module: string, path: string): boolean {
  return new RegExp(`/${module}/(?:[\\w-]+/)?db/schema\\.ts$`).test(path);
}
