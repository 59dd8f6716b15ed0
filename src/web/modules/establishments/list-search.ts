/** The list's state lives in the URL: filters, sort and page survive reload, back and sharing. */

export const sortColumns = ['name', 'uai', 'communeName', 'natureCode', 'pupils', 'academyCode', 'updatedAt'] as const;
export type SortColumn = (typeof sortColumns)[number];
export const pageSizes = [25, 50, 100] as const;

export interface ListSearch {
  search?: string;
  natureCode?: string;
  sector?: 'public' | 'private';
  academyCode?: string;
  departmentCode?: string;
  unitId?: string;
  priorityEducation?: 'REP' | 'REP+' | 'none';
  isOpen?: 'true' | 'false';
  sort?: SortColumn;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;
const shortText = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max ? v : typeof v === 'number' ? String(v) : undefined);
const positive = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};

export function validateListSearch(raw: Record<string, unknown>): ListSearch {
  const page = positive(raw.page);
  const size = positive(raw.pageSize);
  return {
    search: shortText(raw.search, 200),
    natureCode: shortText(raw.natureCode, 10),
    sector: oneOf(['public', 'private'], raw.sector),
    academyCode: shortText(raw.academyCode, 5),
    departmentCode: shortText(raw.departmentCode, 5),
    unitId: shortText(raw.unitId, 40),
    priorityEducation: oneOf(['REP', 'REP+', 'none'], raw.priorityEducation),
    isOpen: oneOf(['true', 'false'], typeof raw.isOpen === 'boolean' ? String(raw.isOpen) : raw.isOpen),
    sort: oneOf(sortColumns, raw.sort),
    order: oneOf(['asc', 'desc'], raw.order),
    page: page && page > 1 ? page : undefined,
    pageSize: size && (pageSizes as readonly number[]).includes(size) && size !== 25 ? size : undefined,
  };
}

/** The filters only (what the export takes). */
export function filtersOf(s: ListSearch) {
  const { page: _page, pageSize: _size, ...filters } = s;
  return filters;
}

export function hasFilters(s: ListSearch): boolean {
  return Boolean(s.search || s.natureCode || s.sector || s.academyCode || s.departmentCode || s.unitId || s.priorityEducation || s.isOpen);
}
