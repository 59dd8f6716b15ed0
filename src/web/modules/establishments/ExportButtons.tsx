import type { Query } from '../../api/client';
import { ExportButtons as ListExportButtons } from '../../ui/ExportButtons';
import { filtersOf, type ListSearch } from './list-search';

/** The establishment list's CSV and XLSX exports, with the filters on screen. */
export function ExportButtons({ search }: { search: ListSearch }) {
  return <ListExportButtons path="/establishments/export" filters={filtersOf(search) as Query} basename="etablissements" />;
}
