/** The list's state lives in the URL: filters, sort and page survive reload, back and sharing. */
import { oneOf, shortText, sortAndPageOf, withoutPaging, type SortAndPage } from '../../ui/list-search';

export const sortColumns = ['name', 'uai', 'communeName', 'natureCode', 'pupils', 'academyCode', 'updatedAt'] as const;
export type SortColumn = (typeof sortColumns)[number];
export const pageSizes = [25, 50, 100] as const;

export interface ListSearch extends SortAndPage<SortColumn> {
  search?: string;
  natureCode?: string;
  sector?: 'public' | 'private';
  academyCode?: string;
  departmentCode?: string;
  unitId?: string;
  priorityEducation?: 'REP' | 'REP+' | 'none';
  isOpen?: 'true' | 'false';
  /** Beyond the first pages, where the page starts: the `nextCursor` or `previousCursor` of the page beside. */
  after?: string;
  before?: string;
}

/** Pages people browse by number; beyond, next and previous go by cursor (no rereading of the pages before). */
export const pagesByNumber = 5;

export function validateListSearch(raw: Record<string, unknown>): ListSearch {
  return {
    search: shortText(raw.search, 200),
    natureCode: shortText(raw.natureCode, 10),
    sector: oneOf(['public', 'private'], raw.sector),
    academyCode: shortText(raw.academyCode, 5),
    departmentCode: shortText(raw.departmentCode, 5),
    unitId: shortText(raw.unitId, 40),
    priorityEducation: oneOf(['REP', 'REP+', 'none'], raw.priorityEducation),
    isOpen: oneOf(['true', 'false'], typeof raw.isOpen === 'boolean' ? String(raw.isOpen) : raw.isOpen),
    after: shortText(raw.after, 1000),
    before: shortText(raw.before, 1000),
    ...sortAndPageOf(raw, sortColumns, pageSizes),
  };
}

/** The filters only (what the export takes). */
export function filtersOf(s: ListSearch) {
  const { after: _after, before: _before, ...rest } = withoutPaging(s);
  return rest;
}

export function hasFilters(s: ListSearch): boolean {
  return Boolean(s.search || s.natureCode || s.sector || s.academyCode || s.departmentCode || s.unitId || s.priorityEducation || s.isOpen);
}
