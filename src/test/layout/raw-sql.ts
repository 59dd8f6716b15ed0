/**
 * `sql.raw(x)` pastes x into the statement's text: data there is an injection, and a text that
 * changes with the data is planned again each time. Its argument must be a literal without
 * interpolation, or one of the identifier lists below, built from the schema's own column names
 * when the file loads (never from input).
 */
export const allowedRawArguments: Record<string, string[]> = {
  // a cursor's key cast to the sort column's own type, as the schema declares it; a prepared page's
  // limit and offset, integers written in the text so its generic plan is the index walk (one
  // statement name per value)
  'src/modules/referentiel/db/establishment-pages.ts': ['column.getSQLType()', 'String(Math.trunc(n))'],
  // column lists of the bulk upserts' json_to_recordset, from the module's constant column table
  'src/modules/parc/import/write-import-plan.ts': ['insertColumns', 'recordset', 'updateSet'],
  // the import's staging table (a constant name), its column lists from the module's column table,
  // and the audit statement's source/before/after expressions, constants of the callers
  'src/modules/referentiel/db/upsert-establishments.ts': [
    'insertColumns',
    'recordset',
    'updates',
    "asJson('e')",
    '`CREATE TEMP TABLE ${stageTable} (${stageDefinition}) ON COMMIT DROP`',
    '`ANALYZE ${stageTable}`',
    '`${source}.id::text, ${before}, ${after}`,',
    '`${source} ${where}`',
    "written.join(', ')",
    "written.map((c) => `s.${c}`).join(', ')",
    'stageTable',
    "written.slice(1).map((c) => `${c} = s.${c}`).join(', ')",
  ],
  // the schemas the catalogue leaves out, a constant list
  'src/server/platform/distribution.ts': ["foreignSchemas.map((s) => `'${s}'`).join(', ')"],
  // the ticket list's columns, aliased, from the drizzle table
  'src/modules/guichet/operations/find-tickets.ts': ['listSelectText'],
};

export interface RawUse {
  path: string;
  line: number;
  argument: string;
}

/** Each `sql.raw(…)` of a source text, with its argument as written (balanced parentheses). */
export function rawUses(path: string, text: string): RawUse[] {
  const uses: RawUse[] = [];
  for (const match of text.matchAll(/\bsql\.raw\(/g)) {
    const start = match.index + match[0].length;
    let depth = 1;
    let end = start;
    while (end < text.length && depth > 0) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')') depth--;
      end++;
    }
    uses.push({ path, line: text.slice(0, match.index).split('\n').length, argument: text.slice(start, end - 1).trim() });
  }
  return uses;
}

const isPlainLiteral = (argument: string) => /^('[^'\\]*'|"[^"\\]*"|`[^`$\\]*`)$/.test(argument);

/** The uses that are neither a plain literal nor an allowed identifier list of their file. */
export function forbiddenRawUses(uses: RawUse[]): RawUse[] {
  return uses.filter((use) => !isPlainLiteral(use.argument) && !(allowedRawArguments[use.path] ?? []).includes(use.argument));
}
