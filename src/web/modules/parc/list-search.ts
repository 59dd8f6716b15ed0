/** The device list's state lives in the URL: filters, sort and page survive reload, back and sharing. */
import { oneOf, positive, shortText, sortAndPageOf, trueFlag, withoutPaging, type SortAndPage } from '../../ui/list-search';
import { assetClasses, assetStatuses, type AssetClass, type AssetStatus } from './labels';

export const assetSortColumns = ['name', 'serial', 'assetClass', 'status', 'lastInventoryAt', 'memoryMb', 'purchaseDate'] as const;
export type AssetSortColumn = (typeof assetSortColumns)[number];
export const assetPageSizes = [25, 50, 100] as const;

export interface AssetListSearch extends SortAndPage<AssetSortColumn> {
  search?: string;
  uai?: string;
  class?: AssetClass;
  status?: AssetStatus;
  staleDays?: number;
}

export function validateAssetSearch(raw: Record<string, unknown>): AssetListSearch {
  return {
    search: shortText(raw.search, 200),
    uai: shortText(raw.uai, 20)?.toUpperCase(),
    class: oneOf(assetClasses, raw.class),
    status: oneOf(assetStatuses, raw.status),
    staleDays: positive(raw.staleDays, 3650),
    ...sortAndPageOf(raw, assetSortColumns, assetPageSizes, 100000),
  };
}

/** The filters only (what the export takes). */
export const assetFiltersOf = (s: AssetListSearch) => withoutPaging(s);

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
  return { uai: uaiOf(raw.uai), late: trueFlag(raw.late) };
}
