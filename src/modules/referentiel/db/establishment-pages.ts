import { and, asc, desc, eq, getTableColumns, isNotNull, isNull, like, or, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { searchKey } from '../establishment-record.js';
import type { ListedEstablishment, Order, PageKey, SearchTerms, Shape, SortColumn, Walk } from './establishment-list-types.js';
import { establishments } from './schema.js';

/**
 * The establishments list's page walks and cursors: how a page's statement reads the sort index (or
 * a search's matches) for the page's keys, then only the page's rows; the keyset stretches beside a
 * cursor; the cursor's codec. The operation (operations/find-establishments.ts) chooses the walk.
 */

/** A UAI: 7 characters (digits, or 2A/2B for Corsica) and a letter. */
const uaiShape = /^[0-9]{2}[0-9AB][0-9]{4}[A-Z]$/;

export function searchTerms(search: string): { pattern: string; uai: string | null } {
  const key = searchKey(search).replace(/[\\%_]/g, (c) => `\\${c}`);
  const uai = search.toUpperCase();
  return { pattern: `%${key}%`, uai: uaiShape.test(uai) ? uai : null };
}

export function searchCondition(terms: SearchTerms, text: SQLWrapper = establishments.searchText, uaiColumn: SQLWrapper = establishments.uai): SQL {
  // LIKE, not ILIKE: the text and the words are both lowered by searchKey, and PostgreSQL's ILIKE lowers
  // every row it checks again (18 ms of CPU instead of 25 for « rennes », 12,800 matches among 66,000)
  const words = like(text as Column, terms.pattern as string);
  // the UAI arm only when the text could be one: an OR beside the words keeps PostgreSQL from the trigram index
  return terms.uai !== null ? or(words, eq(uaiColumn as Column, terms.uai))! : words;
}

export function establishmentOrder(filters: Pick<Order, 'sort' | 'order'>) {
  const direction = filters.order === 'desc' ? desc : asc;
  // the tie-breaker follows the direction, so one index serves both ways
  return [direction(establishments[filters.sort]), direction(establishments.uai)];
}

/** A placeholder typed as the value it stands for, so the statement builders take it as they take that value. */
export const placeholder = <T>(name: string) => sql.placeholder(name) as unknown as T;

/**
 * A page's bound written in the text of a statement prepared under its name: as a parameter,
 * PostgreSQL's generic plan expects a tenth of the tenant behind a `limit $n` and hash-joins a scan
 * of it (81 ms for a page by number, 194 ms for a page by cursor), which it would keep once the
 * average planned page cost more.
 */
export const literalCount = (n: number) => sql.raw(String(Math.trunc(n))) as unknown as number;

/** What a list shows of a school (the presenter's fields), and where it sits in the walk. */
const shownColumns = (({ tenantId: _t, searchText: _s, sourceHash: _h, createdAt: _c, ...shown }) => shown)(getTableColumns(establishments));
/**
 * Each named in the statement as the presenter names it: the page's statements run as text
 * (`runTemplate`), whose rows are PostgreSQL's with the statement's column names.
 */
const listed = Object.fromEntries(Object.entries(shownColumns).map(([name, column]) => [name, sql`${column}`.as(name)])) as {
  [K in keyof typeof shownColumns]: SQL.Aliased<(typeof establishments.$inferSelect)[K]>;
};


/**
 * `offset 0` keeps a subquery whole: PostgreSQL does not fold it into the ordered walk. Written as
 * SQL because drizzle drops a numeric zero offset.
 */
const fence = sql`0` as unknown as number;

/** What a walk reads of each row: the sort key as PostgreSQL prints it and as itself, the UAI, and room for the matches counted. */
const keyColumns = (sort: SortColumn) => ({
  uai: establishments.uai,
  key: sql<string | null>`${establishments[sort]}::text`.as('sort_key'),
  value: sql`${establishments[sort]}`.as('sort_value'),
  matched: sql<number | null>`null::int`.as('matched'),
});

/** The keys of a page, whichever walk found them. */
type PageKeys = ReturnType<typeof pageKeysType>;
const pageKeysType = (ctx: Ctx) => ctx.db.select(keyColumns('name')).from(establishments).as('page_keys');

/**
 * One page of rows matching `where`, in order: the walk reads the sort key and the UAI (in the sort
 * index itself when nothing else is filtered: an index-only walk, however deep the offset), then
 * only the page's rows are read, by (tenant, UAI), in the same statement. `counted`: with the
 * number of matches (a search's, whose matches are all read anyway).
 */
export function walk(ctx: Ctx, where: SQL | undefined, w: Walk & { counted?: boolean }) {
  const direction = w.up ? asc : desc;
  if (!w.matchesFirst) {
    const order = w.byUaiOnly ? [direction(establishments.uai)] : establishmentOrder({ sort: w.sort, order: w.up ? 'asc' : 'desc' });
    const keys = ctx.db
      .select(keyColumns(w.sort))
      .from(establishments)
      .where(and(where, w.stretch?.(establishments[w.sort], establishments.uai)))
      .orderBy(...order)
      .limit(w.limit)
      .offset(w.offset ?? 0);
    return pageRows(ctx, w, keys.as('page_keys'));
  }
  const taken = ctx.db.select(keyColumns(w.sort)).from(establishments).where(where);
  // a limit fences the subquery as `offset 0` does
  const matches = (w.matchesLimit === undefined ? taken.offset(fence) : taken.limit(w.matchesLimit)).as('matches');
  const order = w.byUaiOnly ? [direction(matches.uai)] : [direction(matches.value), direction(matches.uai)];
  const matched = (w.counted ? sql<number>`(count(*) over ())::int` : sql<null>`null::int`).as('matched');
  // a stretch's bound on the matches taken, not inside their statement: there, a row comparison on the
  // sort key made PostgreSQL enter that key's index and walk half the tenant for a sector's schools
  // whose key is the same for all (one academy: 100 ms), instead of reading the sector's entries
  const keys = ctx.db
    .select({ uai: matches.uai, key: matches.key, value: matches.value, matched })
    .from(matches)
    .where(w.stretch?.(matches.value, matches.uai))
    .orderBy(...order)
    .limit(w.limit)
    .offset(w.offset ?? 0);
  return pageRows(ctx, w, keys.as('page_keys') as unknown as PageKeys);
}

/** A search's page read down the sort index, `budget` rows at most (fewer matches than a page when they lie further). */
export function boundedWalk(ctx: Ctx, where: SQL, search: string | SearchTerms, w: Walk & { budget: number }) {
  const direction = w.up ? asc : desc;
  const read = ctx.db
    .select({ ...keyColumns(w.sort), text: establishments.searchText })
    .from(establishments)
    .where(where)
    .orderBy(...establishmentOrder({ sort: w.sort, order: w.up ? 'asc' : 'desc' }))
    .limit(w.budget)
    .as('read');
  const keys = ctx.db
    .select({ uai: read.uai, key: read.key, value: read.value, matched: read.matched })
    .from(read)
    .where(searchCondition(typeof search === 'string' ? searchTerms(search) : search, read.text, read.uai))
    .orderBy(direction(read.value), direction(read.uai))
    .limit(w.limit)
    .offset(w.offset ?? 0);
  return pageRows(ctx, w, keys.as('page_keys') as unknown as PageKeys);
}

/** The rows of the walked keys, by (tenant, UAI), in the walk's own order (PostgreSQL keeps it through the join: no second sort). */
function pageRows(ctx: Ctx, w: Pick<Walk, 'up' | 'byUaiOnly'>, keys: PageKeys) {
  const direction = w.up ? asc : desc;
  const order = w.byUaiOnly ? [direction(keys.uai)] : [direction(keys.value), direction(keys.uai)];
  return ctx.db
    // named `key` in the statement too: a template's rows carry the statement's names
    .select({ ...listed, key: sql<string | null>`${keys.key}`.as('key'), matched: keys.matched })
    .from(keys)
    .innerJoin(establishments, and(eq(establishments.tenantId, ctx.actor!.tenantId), eq(establishments.uai, keys.uai)))
    .orderBy(...order);
}

/** The first pages people browse: by number (a short index walk). */
export function offsetPage(ctx: Ctx, where: SQL, input: Order & { page: number; pageSize: number }, limit = input.pageSize) {
  return walk(ctx, where, { sort: input.sort, byUaiOnly: false, up: input.order !== 'desc', limit, offset: (input.page - 1) * input.pageSize, matchesFirst: input.matchesFirst });
}

export async function keysetPage(shape: Shape, input: Order & { pageSize: number }, from: PageKey, backwards: boolean): Promise<ListedEstablishment[]> {
  const found: ListedEstablishment[] = [];
  // the stretches' number and kinds depend on the sort and on whether the cursor's key is null, never on its value
  const stretches = keysetStretches(shape.ctx, sql`true`, input, from, backwards).length;
  const at: PageKey = { key: from.key === null ? null : placeholder('cursorKey'), uai: placeholder('cursorUai') };
  for (let i = 0; i < stretches; i++) {
    if (found.length === input.pageSize) break;
    const limit = input.pageSize - found.length;
    // a whole page's stretch of the unfiltered list: prepared under its name, parsed and planned once
    // per connection (planning cost more than running it: 0.94 against 0.34 ms of PostgreSQL's CPU per
    // page, alternating); filtered lists have too many texts to be planned once each, and the rest of
    // a page, rarer, is planned each time
    const named = shape.unfiltered && limit === input.pageSize;
    const key = ['keyset', input.sort, input.order, input.matchesFirst, backwards, from.key === null, i, named ? limit : null];
    found.push(
      ...(await shape.run(key, (s) => keysetStretches(s.ctx, s.where, input, at, backwards)[i](named ? literalCount(limit) : s.limit), { cursorKey: from.key, cursorUai: from.uai, limit }, named)),
    );
  }
  return found;
}

/**
 * A page beside a known row (in walk order: backwards from it for the previous page), however deep:
 * the index is entered at that row (`(key, uai) > (…)`) and read for one page, never the pages
 * before it. PostgreSQL puts nulls last going up and first going down: a nullable key is walked as
 * two stretches, the non-null keys then the nulls (by UAI) or the reverse, each an index range.
 */
export function keysetStretches(ctx: Ctx, where: SQL, input: Order, from: PageKey, backwards: boolean) {
  const up = (input.order === 'desc') === backwards;
  const column = establishments[input.sort];
  const nullable = !column.notNull;
  const compare = up ? sql`>` : sql`<`;
  const bound = (key: SQLWrapper, uai: SQLWrapper) =>
    input.sort === 'uai'
      ? sql`${uai} ${compare} ${from.uai}`
      : sql`(${key}, ${uai}) ${compare} (cast(${from.key} as ${sql.raw(column.getSQLType())}), ${from.uai})`;
  const nonNull = { nulls: false, bound: from.key === null ? undefined : bound };
  const nulls = { nulls: true, bound: from.key === null ? (_key: SQLWrapper, uai: SQLWrapper) => sql`${uai} ${compare} ${from.uai}` : undefined };
  let stretches = [nonNull];
  if (nullable && up) stretches = from.key === null ? [nulls] : [nonNull, nulls];
  else if (nullable) stretches = from.key === null ? [nulls, nonNull] : [nonNull];
  return stretches.map(
    (stretch) => (limit: number) =>
      walk(ctx, where, {
        sort: input.sort,
        byUaiOnly: stretch.nulls,
        up,
        limit,
        matchesFirst: input.matchesFirst,
        stretch: (key, uai) => and(stretch.nulls ? isNull(key as Column) : nullable ? isNotNull(key as Column) : undefined, stretch.bound?.(key, uai)),
      }),
  );
}

/** Keys PostgreSQL must read back as their column's type: a forged one is refused before it reaches a cast. */
const keyShapes: Partial<Record<SortColumn, RegExp>> = {
  pupils: /^-?\d{1,9}$/,
  updatedAt: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
};

/** A cursor names the sort it belongs to, so one taken under another sort is refused, not misread. */
export function encodeCursor(sort: SortColumn, at: PageKey): string {
  return Buffer.from(JSON.stringify([sort, at.key, at.uai])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: SortColumn): PageKey {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== 3 ||
    parts[0] !== sort ||
    !(parts[1] === null || (typeof parts[1] === 'string' && (keyShapes[sort]?.test(parts[1]) ?? true))) ||
    typeof parts[2] !== 'string'
  ) {
    throw new AppError('VALIDATION', 'Curseur de pagination invalide ou pris sous un autre tri : reprenez la liste à la première page.');
  }
  return { key: parts[1], uai: parts[2] };
}
