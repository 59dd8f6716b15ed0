import type { Placeholder, SQL, SQLWrapper } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { establishments } from './schema.js';

/**
 * What the establishments list's operation (operations/find-establishments.ts) and its page walks
 * (establishment-pages.ts) share: the sorts, a search's terms, where a page starts, a walk's and a
 * request shape's parts. Types only (and the sorts' names), so neither file imports the other's code
 * through them.
 */

export const sortableColumns = ['name', 'uai', 'communeName', 'natureCode', 'pupils', 'academyCode', 'updatedAt'] as const;
export type SortColumn = (typeof sortableColumns)[number];

/** A search as its statement takes it: the LIKE pattern of its words, and the UAI it could be (null when its text cannot be one). */
export interface SearchTerms {
  pattern: string | Placeholder;
  uai: string | Placeholder | null;
}

/** Where a page starts or ends: the sort key as PostgreSQL prints it (exact, even for timestamps) and the UAI. */
export interface PageKey {
  key: string | null;
  uai: string;
}

/** What a list shows of a school (the presenter's fields): the table's columns but the tenant, the search text, the source's hash and the creation time. */
type ShownEstablishment = Omit<typeof establishments.$inferSelect, 'tenantId' | 'searchText' | 'sourceHash' | 'createdAt'>;
/** A listed school; its update time is PostgreSQL's text when read by a template (a Date through drizzle). */
export type ListedEstablishment = Omit<ShownEstablishment, 'updatedAt'> & PageKey & { updatedAt: Date | string; matched: number | null };

export type Order = { sort: SortColumn; order: 'asc' | 'desc' } & {
  /**
   * A search: take its matches first (the trigram index), then sort them. Left to itself the planner
   * misjudges how many rows a `%…%` pattern matches and walks the sort index over the whole tenant,
   * filtering row by row until a page is full: seconds when the words are rare.
   */
  matchesFirst?: boolean;
};

export interface Walk {
  sort: SortColumn;
  /** Rows before the page: the sort key then the UAI, or the UAI alone among null keys. */
  byUaiOnly: boolean;
  up: boolean;
  limit: number;
  offset?: number;
  matchesFirst?: boolean;
  /** Matches taken at most before they are sorted (any of them: only meant to be all of them, or to learn there are more). */
  matchesLimit?: number;
  /** Where a keyset stretch lies, on the sort key and the UAI of the table or of the matches taken. */
  stretch?: (key: SQLWrapper, uai: SQLWrapper) => SQL | undefined;
}

/** What a page's statement is built from when it is built once for a shape of request: this request's values stand as placeholders. */
export interface ShapeInputs {
  ctx: Ctx;
  where: SQL;
  /** The filters without the search (a search read down the sort index checks its words itself). */
  whereWithoutSearch: SQL;
  search: SearchTerms | undefined;
  limit: number;
  offset: number;
  budget: number;
  cursor: PageKey;
}

/** A request's shape: its statements' templates, and the values they are run with. */
export interface Shape {
  /** The request's own context. */
  ctx: Ctx;
  /**
   * No filter and no search: the whole list the actor sees, whose statements' only values are the
   * tenant, the actor's scope, a cursor and the page's bounds, so one generic plan serves every run
   * (they may be prepared under a name), and their texts are few (sorts, directions, stretches).
   */
  unfiltered: boolean;
  run(key: unknown[], build: (inputs: ShapeInputs) => SQLWrapper, values: Record<string, unknown>, named?: boolean): Promise<ListedEstablishment[]>;
}
