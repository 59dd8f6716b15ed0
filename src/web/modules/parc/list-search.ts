/** The device list's state lives in the URL: filters, sort and page survive reload, back and sharing. */
import { assetClasses, assetStatuses, type AssetClass, type AssetStatus } from './labels';

export const assetSortColumns = ['name', 'serial', 'assetClass', 'status', 'lastInventoryAt', 'memoryMb', 'purchaseDate'] as const;
export type AssetSortColumn = (typeof assetSortColumns)[number];
export const assetPageSizes = [25, 50, 100] as const;

export interface AssetListSearch {
  search?: string;
  uai?: string;
  class?: AssetClass;
  status?: AssetStatus;
  staleDays?: number;
  sort?: AssetSortColumn;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;
const shortText = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max ? v : typeof v === 'number' ? String(v) : undefined);
const positive = (v: unknown, max = Number.MAX_SAFE_INTEGER) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
};

export function validateAssetSearch(raw: Record<string, unknown>): AssetListSearch {
  const page = positive(raw.page, 100000);
  const size = positive(raw.pageSize);
  return {
    search: shortText(raw.search, 200),
    uai: shortText(raw.uai, 20)?.toUpperCase(),
    class: oneOf(assetClasses, raw.class),
    status: oneOf(assetStatuses, raw.status),
    staleDays: positive(raw.staleDays, 3650),
    sort: oneOf(assetSortColumns, raw.sort),
    order: oneOf(['asc', 'desc'], raw.order),
    page: page && page > 1 ? page : undefined,
    pageSize: size && (assetPageSizes as readonly number[]).includes(size) && size !== 25 ? size : undefined,
  };
}

/** The filters only (what the export takes). */
export function assetFiltersOf(s: AssetListSearch) {
  const { page: _page, pageSize: _size, ...filters } = s;
  return filters;
}

export function hasAssetFilters(s: AssetListSearch): boolean {
  return Boolean(s.search || s.uai || s.class || s.status || s.staleDays);
}

const uaiOf = (v: unknown) => (typeof v === 'string' && /^[0-9]{7}[A-Za-z]$/.test(v) ? v.toUpperCase() : undefined);

/** The dashboard's scope: one school or the whole authority. */
export interface DashboardSearch {
  uai?: string;
}

export function validateDashboardSearch(raw: Record<string, unknown>): DashboardSearch {
  return { uai: uaiOf(raw.uai) };
}

export interface DeploymentsSearch {
  uai?: string;
  late?: 'true';
}

export function validateDeploymentsSearch(raw: Record<string, unknown>): DeploymentsSearch {
  return { uai: uaiOf(raw.uai), late: raw.late === 'true' || raw.late === true ? 'true' : undefined };
}
