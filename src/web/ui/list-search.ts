/**
 * Reading a list's state from the URL (filters, sort, page): every value is checked, anything
 * unexpected is dropped, so a hand-edited or stale link still opens the list.
 */

export type SortOrder = 'asc' | 'desc';

/** The sort and paging part of a list's search. */
export interface SortAndPage<Column extends string> {
  sort?: Column;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
}

/** The first page size of every list: left out of the URL. */
export const defaultPageSize = 25;

export const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;

/** A non-blank text of at most `max` characters (a number typed in the URL comes back as text). */
export const shortText = (v: unknown, max: number) =>
  typeof v === 'string' && v.trim() && v.length <= max ? v : typeof v === 'number' ? String(v) : undefined;

/** An integer between min and max (an empty value is no value, not zero). */
export const integer = (v: unknown, min: number, max: number) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

export const positive = (v: unknown, max = Number.MAX_SAFE_INTEGER) => integer(v, 1, max);

/** A flag set only by "true" (TanStack's parser may already have turned it into a boolean). */
export const trueFlag = (v: unknown): 'true' | undefined => (v === 'true' || v === true ? 'true' : undefined);

/**
 * Sort column, order, page and page size, in that order. Page 1 and the default page size are
 * left out, so the plain list keeps a plain URL.
 */
export function sortAndPageOf<Column extends string>(
  raw: Record<string, unknown>,
  columns: readonly Column[],
  pageSizes: readonly number[],
  maxPage = Number.MAX_SAFE_INTEGER,
): SortAndPage<Column> {
  const page = positive(raw.page, maxPage);
  const size = positive(raw.pageSize);
  return {
    sort: oneOf(columns, raw.sort),
    order: oneOf(['asc', 'desc'] as const, raw.order),
    page: page && page > 1 ? page : undefined,
    pageSize: size && pageSizes.includes(size) && size !== defaultPageSize ? size : undefined,
  };
}

/** The filters and sort only, without the page (what the export takes). */
export function withoutPaging<S extends { page?: number; pageSize?: number }>(s: S): Omit<S, 'page' | 'pageSize'> {
  const { page: _page, pageSize: _size, ...filters } = s;
  return filters;
}
