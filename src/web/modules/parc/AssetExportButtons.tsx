import type { Query } from '../../api/client';
import { ExportButtons } from '../../ui/ExportButtons';
import { assetFiltersOf, type AssetListSearch } from './list-search';

/** The device list's CSV and XLSX exports; their headers are those the import reads. */
export function AssetExportButtons({ search }: { search: AssetListSearch }) {
  return <ExportButtons path="/assets/export" filters={assetFiltersOf(search) as Query} basename="equipements" />;
}
