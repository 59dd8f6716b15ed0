import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import { defineCache } from '../../../server/platform/cache.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { searchKey } from '../establishment-record.js';
import { establishments } from '../db/schema.js';
import { establishmentScopeWhere } from '../db/queries.js';

export const sortableColumns = ['name', 'uai', 'communeName', 'natureCode', 'pupils', 'academyCode', 'updatedAt'] as const;

export const establishmentFilters = z.object({
  search: z.string().trim().max(200).optional(),
  natureCode: z.string().max(10).optional(),
  sector: z.enum(['public', 'private']).optional(),
  academyCode: z.string().max(5).optional(),
  departmentCode: z.string().max(5).optional(),
  unitId: z.uuid().optional(),
  priorityEducation: z.enum(['REP', 'REP+', 'none']).optional(),
  isOpen: z.enum(['true', 'false']).optional(),
  sort: z.enum(sortableColumns).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type EstablishmentFilters = z.infer<typeof establishmentFilters>;

export const findEstablishmentsInput = establishmentFilters.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
  after: z.string().max(1000).optional().describe('Curseur `nextCursor` d’une page : la page suivante, sans relire les précédentes (prime sur `page`)'),
  before: z.string().max(1000).optional().describe('Curseur `previousCursor` d’une page : la page précédente'),
});
export type FindEstablishmentsInput = z.infer<typeof findEstablishmentsInput>;

/** A UAI: 7 characters (digits, or 2A/2B for Corsica) and a letter. */
const uaiShape = /^[0-9]{2}[0-9AB][0-9]{4}[A-Z]$/;

/** Filters in SQL: the actor's scope first, then what the person asked for. */
export function establishmentWhere(ctx: Ctx, filters: Omit<EstablishmentFilters, 'sort' | 'order'>): SQL {
  authorize(ctx.actor, 'establishment.read');
  const conditions: (SQL | undefined)[] = [
    eq(establishments.tenantId, ctx.actor.tenantId),
    establishmentScopeWhere(establishmentScope(ctx.actor, 'establishment.read')),
  ];
  if (filters.search) {
    const key = searchKey(filters.search).replace(/[\\%_]/g, (c) => `\\${c}`);
    const words = ilike(establishments.searchText, `%${key}%`);
    // the UAI arm only when the text could be one: an OR beside the words keeps PostgreSQL from the trigram index
    const uai = filters.search.toUpperCase();
    conditions.push(uaiShape.test(uai) ? or(words, eq(establishments.uai, uai)) : words);
  }
  if (filters.natureCode) conditions.push(eq(establishments.natureCode, filters.natureCode));
  if (filters.sector) conditions.push(eq(establishments.sector, filters.sector));
  if (filters.academyCode) conditions.push(eq(establishments.academyCode, filters.academyCode));
  if (filters.departmentCode) conditions.push(eq(establishments.departmentCode, filters.departmentCode));
  if (filters.unitId) {
    // an agency or a sector holds its zones' schools: the filter covers the whole subtree
    conditions.push(sql`${establishments.unitId} in (
      with recursive sub(id) as (
        select id from referentiel.territorial_units where tenant_id = ${ctx.actor.tenantId} and id = ${filters.unitId}
        union all
        select u.id from referentiel.territorial_units u join sub on u.parent_id = sub.id where u.tenant_id = ${ctx.actor.tenantId})
      select id from sub)`);
  }
  if (filters.priorityEducation === 'none') conditions.push(sql`${establishments.priorityEducation} is null`);
  else if (filters.priorityEducation) conditions.push(eq(establishments.priorityEducation, filters.priorityEducation));
  if (filters.isOpen) conditions.push(eq(establishments.isOpen, filters.isOpen === 'true'));
  return and(...conditions)!;
}

export function establishmentOrder(filters: Pick<EstablishmentFilters, 'sort' | 'order'>) {
  const direction = filters.order === 'desc' ? desc : asc;
  // the tie-breaker follows the direction, so one index serves both ways
  return [direction(establishments[filters.sort]), direction(establishments.uai)];
}

/**
 * Totals are the slow half of a page (a count over the whole scope): kept briefly (one count shared by
 * concurrent readers), emptied whole in every process by every write to schools (update, import
 * from the web, a job or the CLI, the demo's sectors).
 */
export const establishmentTotals = defineCache<Promise<number>>('establishment-totals', { max: 5_000, ttlMs: 30_000 });

export async function findEstablishments(ctx: Ctx, input: FindEstablishmentsInput) {
  const where = establishmentWhere(ctx, input);
  const { page, pageSize, sort, order, after, before, ...filters } = input;
  const totalKey = JSON.stringify([ctx.actor!.tenantId, establishmentScope(ctx.actor!, 'establishment.read'), filters]);
  const totals = ctx.cache.of(establishmentTotals);
  const cursor = after ?? before;
  const matchesFirst = Boolean(filters.search);
  const keyset = cursor === undefined ? null : { position: decodeCursor(cursor, sort), backwards: after === undefined };
  // page on the sort key first (an index walk, one row more to know if the walk goes on), then read only the rows of the page
  const [walked, total] = await Promise.all([
    keyset
      ? keysetPage(ctx, where, { sort, order, matchesFirst, pageSize: pageSize + 1 }, keyset.position, keyset.backwards)
      : offsetPage(ctx, where, { sort, order, matchesFirst, page, pageSize }, pageSize + 1),
    totals.remember(totalKey, () => ctx.db.select({ total: count() }).from(establishments).where(where).then(([r]) => r.total)),
  ]);
  const more = walked.length > pageSize;
  const backwards = keyset?.backwards ?? false;
  const keys = backwards ? walked.slice(0, pageSize).reverse() : walked.slice(0, pageSize);
  const ids = keys.map((r) => r.id);
  const rows = ids.length
    ? await ctx.db.select().from(establishments).where(and(eq(establishments.tenantId, ctx.actor!.tenantId), inArray(establishments.id, ids)))
    : [];
  const position = new Map(ids.map((id, i) => [id, i]));
  const first = keys[0];
  const last = keys.at(-1);
  const hasPrevious = backwards ? more : keyset !== null || page > 1;
  const hasNext = backwards || more;
  return {
    items: rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!),
    total,
    nextCursor: last && hasNext ? encodeCursor(sort, last) : null,
    previousCursor: first && hasPrevious ? encodeCursor(sort, first) : null,
  };
}

type SortColumn = (typeof sortableColumns)[number];
/** Where a page starts or ends: the sort key as PostgreSQL prints it (exact, even for timestamps) and the UAI. */
export interface PageKey {
  id: string;
  key: string | null;
  uai: string;
}

type Order = Pick<EstablishmentFilters, 'sort' | 'order'> & {
  /**
   * A search: take its matches first (the trigram index), then sort them. Left to itself the planner
   * misjudges how many rows a `%…%` pattern matches and walks the sort index over the whole tenant,
   * filtering row by row until a page is full: seconds when the words are rare.
   */
  matchesFirst?: boolean;
};

interface Walk {
  sort: SortColumn;
  /** Rows before the page: the sort key then the UAI, or the UAI alone among null keys. */
  byUaiOnly: boolean;
  up: boolean;
  limit: number;
  offset?: number;
  matchesFirst?: boolean;
}

/**
 * `offset 0` keeps a subquery whole: PostgreSQL does not fold it into the ordered walk. Written as
 * SQL because drizzle drops a numeric zero offset.
 */
const fence = sql`0` as unknown as number;

/** The keys of one page of rows matching `where`, in order. */
function walk(ctx: Ctx, where: SQL | undefined, w: Walk) {
  const direction = w.up ? asc : desc;
  const columns = { id: establishments.id, key: sql<string | null>`${establishments[w.sort]}::text`.as('sort_key'), uai: establishments.uai };
  if (!w.matchesFirst) {
    const order = w.byUaiOnly ? [direction(establishments.uai)] : establishmentOrder({ sort: w.sort, order: w.up ? 'asc' : 'desc' });
    return ctx.db.select(columns).from(establishments).where(where).orderBy(...order).limit(w.limit).offset(w.offset ?? 0);
  }
  const matches = ctx.db
    .select({ ...columns, value: sql`${establishments[w.sort]}`.as('sort_value') })
    .from(establishments)
    .where(where)
    .offset(fence)
    .as('matches');
  const order = w.byUaiOnly ? [direction(matches.uai)] : [direction(matches.value), direction(matches.uai)];
  return ctx.db
    .select({ id: matches.id, key: matches.key, uai: matches.uai })
    .from(matches)
    .orderBy(...order)
    .limit(w.limit)
    .offset(w.offset ?? 0);
}

/** The first pages people browse: by number (a short index walk). */
export function offsetPage(ctx: Ctx, where: SQL, input: Order & { page: number; pageSize: number }, limit = input.pageSize) {
  return walk(ctx, where, { sort: input.sort, byUaiOnly: false, up: input.order !== 'desc', limit, offset: (input.page - 1) * input.pageSize, matchesFirst: input.matchesFirst });
}

async function keysetPage(ctx: Ctx, where: SQL, input: Order & { pageSize: number }, from: Omit<PageKey, 'id'>, backwards: boolean): Promise<PageKey[]> {
  const found: PageKey[] = [];
  for (const stretch of keysetStretches(ctx, where, input, from, backwards)) {
    if (found.length === input.pageSize) break;
    found.push(...(await stretch(input.pageSize - found.length)));
  }
  return found;
}

/**
 * A page beside a known row (in walk order: backwards from it for the previous page), however deep:
 * the index is entered at that row (`(key, uai) > (…)`) and read for one page, never the pages
 * before it. PostgreSQL puts nulls last going up and first going down: a nullable key is walked as
 * two stretches, the non-null keys then the nulls (by UAI) or the reverse, each an index range.
 */
export function keysetStretches(ctx: Ctx, where: SQL, input: Order, from: Omit<PageKey, 'id'>, backwards: boolean) {
  const up = (input.order === 'desc') === backwards;
  const column = establishments[input.sort];
  const nullable = !column.notNull;
  const compare = up ? sql`>` : sql`<`;
  const keyOf = input.sort === 'uai' ? [establishments.uai] : [column, establishments.uai];
  const boundOf = input.sort === 'uai' ? [from.uai] : [sql`cast(${from.key} as ${sql.raw(column.getSQLType())})`, from.uai];
  const nonNull = { nulls: false, bound: from.key === null ? undefined : sql`(${sql.join(keyOf, sql`, `)}) ${compare} (${sql.join(boundOf, sql`, `)})` };
  const nulls = { nulls: true, bound: from.key === null ? sql`${establishments.uai} ${compare} ${from.uai}` : undefined };
  let stretches = [nonNull];
  if (nullable && up) stretches = from.key === null ? [nulls] : [nonNull, nulls];
  else if (nullable) stretches = from.key === null ? [nulls, nonNull] : [nonNull];
  return stretches.map(
    (stretch) => (limit: number) =>
      walk(ctx, and(where, stretch.nulls ? isNull(column) : nullable ? isNotNull(column) : undefined, stretch.bound), {
        sort: input.sort,
        byUaiOnly: stretch.nulls,
        up,
        limit,
        matchesFirst: input.matchesFirst,
      }),
  );
}

/** Keys PostgreSQL must read back as their column's type: a forged one is refused before it reaches a cast. */
const keyShapes: Partial<Record<SortColumn, RegExp>> = {
  pupils: /^-?\d{1,9}$/,
  updatedAt: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
};

/** A cursor names the sort it belongs to, so one taken under another sort is refused, not misread. */
export function encodeCursor(sort: SortColumn, at: Omit<PageKey, 'id'>): string {
  return Buffer.from(JSON.stringify([sort, at.key, at.uai])).toString('base64url');
}

function decodeCursor(cursor: string, sort: SortColumn): Omit<PageKey, 'id'> {
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
