import { fillPlaceholders, is, SQL, sql } from 'drizzle-orm';
import { PgDialect, type PgColumn, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { rows, type Db } from './db.js';

/**
 * Statements of the hot paths (opening a ticket, a team's backlog, where a software is installed)
 * written once as SQL text with $1, $2… parameters. On a PostgreSQL server they run as named
 * prepared statements: node-postgres sends the text once per connection and PostgreSQL keeps its
 * plan, so neither drizzle's query builder nor PostgreSQL's parser and planner run again for each
 * of a thousand requests a second. Arrays go as PostgreSQL array literals (see `pgArray`).
 * Anywhere else (PGlite, or inside a transaction, whose handle is not the pool) the same text runs
 * through drizzle with the same parameters: one statement, two ways to send it.
 */

export interface Prepared {
  name: string;
  text: string;
  /** The text around each parameter, and which value each one takes (0-based). */
  parts: string[];
  order: number[];
}

/** `name` must be unique in the process: node-postgres keeps one prepared statement per name and connection. */
export function prepared(name: string, text: string): Prepared {
  const parts: string[] = [];
  const order: number[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    parts.push(text.slice(last, match.index));
    order.push(Number(match[1]) - 1);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  const statement = { name, text, parts, order };
  if (name) declared.set(name, statement);
  return statement;
}

const declared = new Map<string, Prepared>();
/** The named statements declared so far (those of a module are declared when it loads): a test prepares each on a migrated database. */
export const declaredStatements = (): Prepared[] => [...declared.values()];

/**
 * How a statement's rows come back. `instants: 'text'`: `timestamptz` columns stay PostgreSQL's
 * text (`2026-03-05 14:07:09.123456+00`), as drizzle and PGlite give them, for `isoInstant`
 * (instants.ts) to write them into a response without a Date each: node-postgres's date parser and
 * `toISOString()` were a third of a list page's own CPU.
 */
export interface RowOptions {
  instants?: 'date' | 'text';
}

const keepText = (value: string) => value;
const instantsAsText = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMPTZ ? keepText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function queryConfig(name: string, text: string, values: unknown[], options: RowOptions | undefined): pg.QueryConfig {
  const config: pg.QueryConfig = name ? { name, text, values } : { text, values };
  if (options?.instants === 'text') config.types = instantsAsText;
  return config;
}

export async function runPrepared<T>(db: Db, statement: Prepared, values: unknown[], options?: RowOptions): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const result = await client.query<T & pg.QueryResultRow>(queryConfig(statement.name, statement.text, values, options));
    return result.rows;
  }
  return rows<T>(db, sqlOf(statement, values));
}

/** The statement as a drizzle SQL fragment, its parameters bound: to run it, or to use it inside a drizzle query. */
function sqlOf(statement: Prepared, values: unknown[]): SQL {
  const strings = Object.assign([...statement.parts], { raw: statement.parts }) as unknown as TemplateStringsArray;
  return sql(strings, ...statement.order.map((i) => values[i]));
}

/** SQL text with $1, $2… parameters as a drizzle fragment (a condition written once as text, used by drizzle queries too). */
export const sqlText = (text: string, values: unknown[]): SQL => sqlOf(prepared('', text), values);

/**
 * The statement of a text built at run time from a few shapes (the filters a list was given): the
 * same text always gets the same name, so each shape is parsed and planned once per connection.
 * Past `maxNamed` distinct texts, new ones run unnamed (`name` empty).
 */
export function preparedShape(prefix: string, text: string): Prepared {
  let statement = shapes.get(text);
  if (!statement) {
    statement = prepared(shapes.size < maxNamed ? `${prefix}_${shapes.size + 1}` : '', text);
    if (statement.name) shapes.set(text, statement);
  }
  return statement;
}
const shapes = new Map<string, Prepared>();

const dialect = new PgDialect();
/** Statement texts given a name so far, and how many at most: each connection keeps every one it prepared. */
const named = new Map<string, string>();
const maxNamed = 200;

/**
 * A statement built with drizzle whose text repeats (the same filters of the same person): on a
 * PostgreSQL server it is prepared under a name given to its text, so PostgreSQL parses and plans
 * it once per connection. Past `maxNamed` distinct texts, new ones run unprepared.
 */
export async function runStatement<T>(db: Db, query: SQL, prefix: string, options?: RowOptions): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return rows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = named.get(text);
  if (name === undefined && named.size < maxNamed) {
    name = `${prefix}_${named.size + 1}`;
    named.set(text, name);
  }
  const result = await client.query<T & pg.QueryResultRow>(queryConfig(name ?? '', text, params, options));
  return result.rows;
}

export interface StatementTemplate {
  statement: Prepared;
  /** The statement's values, drizzle placeholders among them. */
  params: unknown[];
}

export interface TemplateOptions {
  /**
   * `'each'`: sent unnamed, so PostgreSQL plans it for each run's values as it does drizzle's own
   * statements: for a text whose best plan depends on them (a search's pattern, how deep a page
   * lies), where a generic plan kept by a named statement would serve some values badly. Only the
   * building and rendering of the text are saved.
   */
  plan?: 'each';
}

const templates = new Map<string, StatementTemplate>();
const maxTemplates = 1_000;

/**
 * A statement drizzle builds the same way request after request, built and rendered once per
 * `key`: the values that change from one request to the next are drizzle placeholders
 * (`sql.placeholder('uai')`), filled by `runTemplate`. The key names everything else the text and
 * its other values depend on (the tenant, the actor's scope, a day). Building and rendering a
 * statement made of four modules' subqueries cost more CPU than running it (one school's assessment).
 */
export function statementTemplate(prefix: string, key: string, build: () => SQL, options: TemplateOptions = {}): StatementTemplate {
  const id = `${prefix}\u0000${key}`;
  let template = templates.get(id);
  if (!template) {
    const { sql: text, params } = dialect.sqlToQuery(build());
    template = { statement: options.plan === 'each' ? prepared('', text) : preparedShape(prefix, text), params };
    // the oldest first: keys are few (tenants × scopes × days), this only bounds a long-running process
    if (templates.size >= maxTemplates) templates.delete(templates.keys().next().value!);
    templates.set(id, template);
  }
  return template;
}

/** Runs a template with this request's values for its placeholders (by name). */
export function runTemplate<T>(db: Db, template: StatementTemplate, values: Record<string, unknown>, options?: RowOptions): Promise<T[]> {
  return runPrepared<T>(db, template.statement, fillPlaceholders(template.params, values), options);
}

/** A PostgreSQL array literal of strings and nulls (`'{"a",NULL}'`), for a `$n::uuid[]` or `$n::text[]` parameter: the same text on both drivers. */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/** Ids as one bound `uuid[]` parameter: never pasted into the statement's text (the text stays the same, so it is planned once). */
export const uuidArray = (ids: Iterable<string>): SQL => sql`${pgArray([...new Set(ids)])}::uuid[]`;

/** Strings as one bound `text[]` parameter. */
export const textArray = (values: readonly (string | null)[]): SQL => sql`${pgArray(values)}::text[]`;

/**
 * A drizzle statement rendered once per `key` (a `statementTemplate`: the values that change are
 * `sql.placeholder`s), run as drizzle's own prepared query on the handle given: the pool, a
 * transaction or PGlite. `runTemplate` names its statement only on the pool; this one is named in a
 * transaction too (each report's statements run in one), so node-postgres prepares it once per
 * connection there as well. `columns`: a select's result columns (a table's), mapped and decoded as
 * drizzle's select does; without them the driver's rows come back as they are.
 */
export async function runRendered<T>(
  db: Db,
  prefix: string,
  key: string,
  build: () => SQL | { getSQL(): SQL },
  values: Record<string, unknown>,
  columns?: Record<string, PgColumn>,
): Promise<T[]> {
  const { statement, params } = statementTemplate(prefix, key, () => {
    const built = build();
    return is(built, SQL) ? built : built.getSQL();
  });
  const fields = columns && Object.entries(columns).map(([name, field]) => ({ path: [name], field }));
  const query = db._.session.prepareQuery<PreparedQueryConfig & { execute: T[] | { rows: T[] } }>({ sql: statement.text, params }, fields, statement.name || undefined, false);
  const result = await query.execute(values);
  return Array.isArray(result) ? result : result.rows;
}
