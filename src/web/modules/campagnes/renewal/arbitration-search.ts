import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';
import { oneOf, positive, shortText } from '../../../ui/list-search';
import { campagnesKey } from '../queries';

export const arbitrationStates = ['en_construction', 'en_instruction', 'accepte', 'refuse', 'classe_sans_suite'] as const;
export const arbitrationKinds = ['pending', 'granted', 'none'] as const;
export const arbitrationPageSizes = [10, 20, 50, 100] as const;

/** The arbitration page's filters and page, read from its URL (anything unexpected is dropped). */
export interface ArbitrationSearch {
  q?: string;
  departmentCode?: string;
  unitId?: string;
  natureCode?: string;
  state?: (typeof arbitrationStates)[number];
  overAsked?: 'true' | 'false';
  arbitration?: (typeof arbitrationKinds)[number];
  page?: number;
  pageSize?: number;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The router's parser turns `true` into a boolean and `02` into the number 2: both come back as typed. */
const flag = (v: unknown): 'true' | 'false' | undefined => (v === true || v === 'true' ? 'true' : v === false || v === 'false' ? 'false' : undefined);
const departmentOf = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? String(v).padStart(2, '0') : shortText(v, 3)?.toUpperCase());

export function validateArbitrationSearch(raw: Record<string, unknown>): ArbitrationSearch {
  const department = departmentOf(raw.departmentCode);
  const nature = shortText(raw.natureCode, 3);
  const unit = shortText(raw.unitId, 36);
  const page = positive(raw.page, 100_000);
  const size = positive(raw.pageSize);
  return {
    q: shortText(raw.q, 100),
    departmentCode: department && /^(\d{2,3}|2A|2B)$/.test(department) ? department : undefined,
    unitId: unit && uuid.test(unit) ? unit : undefined,
    natureCode: nature && /^\d{3}$/.test(nature) ? nature : undefined,
    state: oneOf(arbitrationStates, raw.state),
    overAsked: flag(raw.overAsked),
    arbitration: oneOf(arbitrationKinds, raw.arbitration),
    page: page && page > 1 ? page : undefined,
    pageSize: size && (arbitrationPageSizes as readonly number[]).includes(size) && size !== 20 ? size : undefined,
  };
}

/** The filters alone: what the export takes, and whether any is set. */
export function arbitrationFiltersOf(search: ArbitrationSearch) {
  const { page: _page, pageSize: _size, ...filters } = search;
  return filters;
}

export const hasArbitrationFilters = (search: ArbitrationSearch) => Object.values(arbitrationFiltersOf(search)).some((v) => v !== undefined);

function fetchArbitration(campaign: string, search: ArbitrationSearch, signal?: AbortSignal) {
  return call(apiClient.GET('/api/campaigns/{campaign}/renewal-arbitration', { params: { path: { campaign }, query: { ...search, page: search.page ?? 1, pageSize: search.pageSize ?? 20 } }, signal }));
}
export type RenewalArbitration = Awaited<ReturnType<typeof fetchArbitration>>;

/** One server page of the arbitration with its filters; the previous page stays shown while the next one loads. */
export const renewalArbitrationQuery = (campaign: string, search: ArbitrationSearch) =>
  queryOptions({
    queryKey: campagnesKey('renewal-arbitration', campaign, search),
    queryFn: ({ signal }) => fetchArbitration(campaign, search, signal),
    placeholderData: keepPreviousData,
  });
