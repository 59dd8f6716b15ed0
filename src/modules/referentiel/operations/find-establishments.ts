import { and, count, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope, type EstablishmentScope } from '../../../server/platform/authz.js';
import { defineCache } from '../../../server/platform/cache.js';
import type { Ctx } from '../../../server/platform/context.js';
import { runTemplate, statementTemplate } from '../../../server/platform/prepared.js';
import { sortableColumns, type ListedEstablishment, type SearchTerms, type Shape, type ShapeInputs, type SortColumn } from '../db/establishment-list-types.js';
import { boundedWalk, decodeCursor, encodeCursor, keysetPage, literalCount, placeholder, searchCondition, searchTerms, walk } from '../db/establishment-pages.js';
import { establishments } from '../db/schema.js';
import { establishmentScopeWhere } from '../db/queries.js';

export { sortableColumns, type ListedEstablishment, type PageKey } from '../db/establishment-list-types.js';
export { boundedWalk, encodeCursor, establishmentOrder, keysetStretches, offsetPage } from '../db/establishment-pages.js';

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


/** Filters in SQL: the actor's scope first, then what the person asked for. */
export function establishmentWhere(ctx: Ctx, filters: Omit<EstablishmentFilters, 'sort' | 'order'>): SQL {
  return filteredWhere(ctx, { ...filters, search: filters.search ? searchTerms(filters.search) : undefined });
}

/** The filters as a statement takes them: a search as its terms; each free value this request's, or a template's placeholder. */
type WhereFilters = Omit<EstablishmentFilters, 'sort' | 'order' | 'search'> & { search?: SearchTerms };

function filteredWhere(ctx: Ctx, filters: WhereFilters): SQL {
  authorize(ctx.actor, 'establishment.read');
  const conditions: (SQL | undefined)[] = [
    eq(establishments.tenantId, ctx.actor.tenantId),
    establishmentScopeWhere(establishmentScope(ctx.actor, 'establishment.read'), undefined, { usedArms: true }),
  ];
  if (filters.search) conditions.push(searchCondition(filters.search));
  if (filters.natureCode) conditions.push(eq(establishments.natureCode, filters.natureCode));
  if (filters.sector) conditions.push(eq(establishments.sector, filters.sector));
  if (filters.academyCode) conditions.push(eq(establishments.academyCode, filters.academyCode));
  if (filters.departmentCode) conditions.push(eq(establishments.departmentCode, filters.departmentCode));
  if (filters.unitId) {
    // an agency or a sector holds its zones' schools: the filter covers the whole subtree
    // as an array (computed once, before the rows): `in (subquery)` made PostgreSQL expect a third of
    // the tenant from the recursive query's 11 estimated units, and scan it (190 ms) for a sector's 1,800 schools
    conditions.push(sql`${establishments.unitId} = any(array(
      with recursive sub(id) as (
        select id from referentiel.territorial_units where tenant_id = ${ctx.actor.tenantId} and id = ${filters.unitId}
        union all
        select u.id from referentiel.territorial_units u join sub on u.parent_id = sub.id where u.tenant_id = ${ctx.actor.tenantId})
      select id from sub))`);
  }
  if (filters.priorityEducation === 'none') conditions.push(sql`${establishments.priorityEducation} is null`);
  else if (filters.priorityEducation) conditions.push(eq(establishments.priorityEducation, filters.priorityEducation));
  if (filters.isOpen) conditions.push(eq(establishments.isOpen, filters.isOpen === 'true'));
  return and(...conditions)!;
}



/** The schools a search finds: its words anywhere in the name, UAI, commune or postal code, or the UAI itself. */
export function searchMatch(search: string, text: SQLWrapper = establishments.searchText, uaiColumn: SQLWrapper = establishments.uai): SQL {
  return searchCondition(searchTerms(search), text, uaiColumn);
}



/**
 * Totals are the slow half of a page (a count over the whole scope): kept briefly (one count shared by
 * concurrent readers), emptied whole in every process by every write to schools (update, import
 * from the web, a job or the CLI, the demo's sectors).
 */
export const establishmentTotals = defineCache<Promise<number>>('establishment-totals', { max: 5_000, ttlMs: 30_000 });

/**
 * A search counts its matches up to this many, then stops: the exact count of a word most schools
 * carry read tens of thousands of rows for a figure nobody reads to the unit. Beyond it the list
 * says « plus de 1 000 » (`totalIsLowerBound`), as search engines do.
 */
export const searchCountCap = 1_000;

/** The matches of `where`, counted up to `cap + 1` when a cap is given (more than `cap` then). */
function countMatches(ctx: Ctx, where: SQL, cap?: number): Promise<number> {
  if (cap === undefined) return ctx.db.select({ total: count() }).from(establishments).where(where).then(([r]) => r.total);
  const matches = ctx.db.select({ one: sql`1`.as('one') }).from(establishments).where(where).limit(cap + 1).as('matches');
  return ctx.db.select({ total: count() }).from(matches).then(([r]) => r.total);
}

export async function findEstablishments(ctx: Ctx, input: FindEstablishmentsInput) {
  authorize(ctx.actor, 'establishment.read');
  const { page, pageSize, sort, order, after, before, ...filters } = input;
  const scope = establishmentScope(ctx.actor, 'establishment.read');
  const totalKey = JSON.stringify([ctx.actor.tenantId, scope, filters]);
  const totals = ctx.cache.of(establishmentTotals);
  const cap = filters.search ? searchCountCap : undefined;
  // the filters in SQL only when a count is not known yet: the rows' statements are templates (below)
  const counted = () => totals.remember(totalKey, () => countMatches(ctx, establishmentWhere(ctx, filters), cap));
  const cursor = after ?? before;
  const keyset = cursor === undefined ? null : { position: decodeCursor(cursor, sort), backwards: after === undefined };
  const reach = keyset ? pageSize + 1 : page * pageSize + 1;
  const matchesFirst = Boolean(filters.search) || (await sparseFilters(ctx, filters, reach, counted, sort));
  const shape = shapeOf(ctx, scope, filters);
  // one statement for the rows: the page walked on the sort key (one row more to know if the walk goes on), then only its rows read
  const [walked, total] = keyset
    ? await Promise.all([keysetPage(shape, { sort, order, matchesFirst, pageSize: pageSize + 1 }, keyset.position, keyset.backwards), counted()])
    : filters.search
      ? await searchPage(shape, { sort, order, page, pageSize }, {
          known: totals.get(totalKey),
          keep: (total) => void totals.remember(totalKey, () => Promise.resolve(total)),
          counted,
        })
      : await Promise.all([
          (scope.all ? wholeListPage(shape, { sort, order, page, pageSize }) : null) ??
            shape.run(
              ['offset', sort, order, matchesFirst],
              (s) => walk(s.ctx, s.where, { sort, byUaiOnly: false, up: order !== 'desc', limit: s.limit, offset: s.offset, matchesFirst }),
              { limit: pageSize + 1, offset: (page - 1) * pageSize },
            ),
          counted(),
        ]);
  const more = walked.length > pageSize;
  const backwards = keyset?.backwards ?? false;
  const items = backwards ? walked.slice(0, pageSize).reverse() : walked.slice(0, pageSize);
  const first = items[0];
  const last = items.at(-1);
  const hasPrevious = backwards ? more : keyset !== null || page > 1;
  const hasNext = backwards || more;
  return {
    items,
    total: cap !== undefined && total > cap ? cap : total,
    totalIsLowerBound: cap !== undefined && total > cap,
    nextCursor: last && hasNext ? encodeCursor(sort, last) : null,
    previousCursor: first && hasPrevious ? encodeCursor(sort, first) : null,
  };
}



/**
 * The statements of a page are built once per shape (scope, which filters, the enumerated filters'
 * values, sort, order, strategy) with drizzle placeholders for the tenant, the free filter values,
 * the search's pattern, the cursor and the page's bounds, and rendered once: drizzle built and
 * rendered a page's statement (its filters, the walk, the page's rows) on each request, a third of
 * the server's CPU for a page. They run unnamed (`plan: 'each'`), planned for each request's values
 * as before, unless `named` (the first pages of the whole list, whose bounds are in the text).
 * Their rows come as PostgreSQL sends them, the update time as text (`instants: 'text'`).
 */
function shapeOf(ctx: Ctx, scope: EstablishmentScope, filters: Omit<EstablishmentFilters, 'sort' | 'order'>): Shape {
  const values: Record<string, unknown> = { tenantId: ctx.actor!.tenantId };
  const free = (name: 'natureCode' | 'academyCode' | 'departmentCode' | 'unitId') => {
    if (!filters[name]) return undefined;
    values[name] = filters[name];
    return placeholder<string>(name);
  };
  let search: SearchTerms | undefined;
  if (filters.search) {
    const terms = searchTerms(filters.search);
    values.pattern = terms.pattern;
    values.uai = terms.uai;
    search = { pattern: placeholder('pattern'), uai: terms.uai === null ? null : placeholder('uai') };
  }
  const shaped: WhereFilters = {
    search,
    natureCode: free('natureCode'),
    academyCode: free('academyCode'),
    departmentCode: free('departmentCode'),
    unitId: free('unitId'),
    sector: filters.sector,
    priorityEducation: filters.priorityEducation,
    isOpen: filters.isOpen,
  };
  const shapeKey = JSON.stringify([scope, shaped]);
  return {
    ctx,
    unfiltered: !isFiltered(filters),
    run(key, build, runValues, named = false) {
      const template = statementTemplate(
        'referentiel_establishments',
        `${shapeKey}${JSON.stringify(key)}`,
        () => {
          const shapeCtx: Ctx = { ...ctx, actor: { ...ctx.actor!, tenantId: placeholder('tenantId') } };
          const inputs: ShapeInputs = {
            ctx: shapeCtx,
            where: filteredWhere(shapeCtx, shaped),
            whereWithoutSearch: filteredWhere(shapeCtx, { ...shaped, search: undefined }),
            search,
            limit: placeholder('limit'),
            offset: placeholder('offset'),
            budget: placeholder('budget'),
            cursor: { key: placeholder('cursorKey'), uai: placeholder('cursorUai') },
          };
          return build(inputs).getSQL();
        },
        named ? {} : { plan: 'each' },
      );
      return runTemplate<ListedEstablishment>(ctx.db, template, { ...values, ...runValues }, { instants: 'text' });
    },
  };
}

/**
 * Whether the actor's scope and filters keep so few of the tenant's schools that the page is
 * cheaper found from its matches (an index on the filtered column, then a sort of the matches) than
 * by walking the sort index over the tenant and dropping the rows that do not match. The walk reads
 * about `reach / density` rows, and more when the matches gather at one end of the order (REP
 * schools are écoles and collèges: a page of them by name after « L » walked the rest of the tenant,
 * 15 ms); taking the matches reads them all. Both totals come from the totals' cache, so this costs
 * no statement once they are known. Never for filters whose matches an index holds in the `sort`'s
 * order (`inSortOrder`): their walk reads only the page's reach of them, however few they are.
 */
export async function sparseFilters(
  ctx: Ctx,
  filters: Omit<EstablishmentFilters, 'sort' | 'order'>,
  reach: number,
  counted: () => Promise<number>,
  sort?: SortColumn,
): Promise<boolean> {
  const filtered = isFiltered(filters);
  const scope = establishmentScope(ctx.actor!, 'establishment.read');
  if (!filtered && scope.all) return false;
  if (scope.all && sort !== undefined && inSortOrder(filters, sort)) return false;
  // a unit's schools are entries of the unit index that carry every column the list sorts and filters
  // by (db/schema.ts): taking them is an index-only scan, each entry several times cheaper than a row
  // the walk reads from the heap (a sector's 1,800: 0.3 ms, against 1.7 ms for the 1,000 rows a walk
  // read for its first page)
  const byUnit = Boolean(filters.unitId) || (!scope.all && scope.unitIds.length > 0 && scope.establishmentIds.length === 0 && scope.academyCodes.length === 0);
  const [matches, tenantRows] = await Promise.all([counted(), tenantTotal(ctx)]);
  // matches² < reach·tenantRows ⇔ the matches are fewer than the rows the walk is expected to read
  return matches * matches < (byUnit ? 8 : 1) * reach * tenantRows;
}

/**
 * Whether the filters are only REP or REP+ and the sort is by name: the priority index (db/schema.ts)
 * holds those schools by name and UAI, so a page walks their entries alone (page 4 of REP: 101
 * entries, index-only, where the name index's walk read 5,660 rows and taking the 3,311 matches
 * sorted them all).
 */
function inSortOrder(filters: Omit<EstablishmentFilters, 'sort' | 'order'>, sort: SortColumn): boolean {
  const { priorityEducation, ...others } = filters;
  return sort === 'name' && (priorityEducation === 'REP' || priorityEducation === 'REP+') && !isFiltered(others);
}

/**
 * The tenant's schools, whatever the actor's scope: how far a walk of a sort index may go (only
 * used to choose a plan, never shown). Kept under the key of the list of a person who sees them all.
 */
function tenantTotal(ctx: Ctx): Promise<number> {
  const tenantId = ctx.actor!.tenantId;
  const key = JSON.stringify([tenantId, { all: true, unitIds: [], establishmentIds: [], academyCodes: [] } satisfies EstablishmentScope, {}]);
  return ctx.cache
    .of(establishmentTotals)
    .remember(key, () => ctx.db.select({ total: count() }).from(establishments).where(eq(establishments.tenantId, tenantId)).then(([r]) => r.total));
}

type PageInput = Pick<EstablishmentFilters, 'sort' | 'order'> & { page: number; pageSize: number };

/** Whether a request narrows the list at all (a search or any filter value). */
const isFiltered = (filters: Omit<EstablishmentFilters, 'sort' | 'order'>) => Object.values(filters).some((value) => value !== undefined && value !== '');

/**
 * A page by number of the whole list (no filter, every school of the tenant, the actor seeing them all: what people
 * browse most), through a statement prepared under its name: PostgreSQL parses and plans it once
 * per connection. Null when the request is not of that shape.
 */
function wholeListPage(shape: Shape, input: PageInput): Promise<ListedEstablishment[]> | null {
  if (input.page > pagesByNumber || !shape.unfiltered) return null;
  const limit = input.pageSize + 1;
  const offset = (input.page - 1) * input.pageSize;
  return shape.run(
    ['whole', input.sort, input.order, limit, offset],
    (s) => walk(s.ctx, s.where, { sort: input.sort, byUaiOnly: false, up: input.order !== 'desc', limit: literalCount(limit), offset: literalCount(offset) }),
    {},
    true,
  );
}

/** The pages the web list asks by number (beyond, it asks by cursor): the prepared ones. */
const pagesByNumber = 5;

/**
 * A page of a search, by number. Its total not known yet, at most `searchCountCap + 1` matches are
 * taken through the trigram index, counted and sorted in the same pass: when they are all the
 * matches, that is the page and its exact total. When there are more (a word many schools carry),
 * or the total is known to be over the cap, the sort index is read first for a bounded number of
 * rows, keeping the matches: at a density of at least `searchCountCap` in the tenant a page fills
 * within the budget, where sorting tens of thousands of matches cost milliseconds; when it does not
 * fill (the matches gather further in that order), all the matches are sorted.
 */
async function searchPage(
  shape: Shape,
  input: PageInput,
  { known, keep, counted }: { known: Promise<number> | undefined; keep: (total: number) => void; counted: () => Promise<number> },
): Promise<[ListedEstablishment[], number]> {
  const limit = input.pageSize + 1;
  const offset = (input.page - 1) * input.pageSize;
  const up = input.order !== 'desc';
  const matched = (s: ShapeInputs) => ({ sort: input.sort, byUaiOnly: false, up, limit: s.limit, offset: s.offset, matchesFirst: true });
  const bounds = { limit, offset };
  let total: number;
  if (known === undefined) {
    const walked = await shape.run(['search-counted', input.sort, up], (s) => walk(s.ctx, s.where, { ...matched(s), counted: true, matchesLimit: searchCountCap + 1 }), bounds);
    const seen = walked[0]?.matched;
    // past the last match taken: no row to carry the count
    total = seen === undefined || seen === null ? await counted() : seen;
    if (seen !== undefined && seen !== null) keep(total);
    if (total <= searchCountCap) return [walked, total];
  } else total = await known;
  if (total > searchCountCap) {
    // the matches are at least `searchCountCap` of the tenant's rows: a page of them is expected within this many rows of the sort index
    const budget = Math.max(denseBudget, Math.ceil((2 * (offset + limit) * (await tenantTotal(shape.ctx))) / searchCountCap));
    const walked = await shape.run(['search-bounded', input.sort, up], (s) => boundedWalk(s.ctx, s.whereWithoutSearch, s.search!, { ...matched(s), budget: s.budget }), {
      ...bounds,
      budget,
    });
    if (walked.length === limit) return [walked, total];
  }
  return [await shape.run(['search', input.sort, up], (s) => walk(s.ctx, s.where, matched(s)), bounds), total];
}

/** Rows of the sort index a dense search reads at least before it sorts its matches instead. */
const denseBudget = 1_000;

