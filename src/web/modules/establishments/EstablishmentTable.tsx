import { useMediaQuery } from '@mantine/hooks';
import type { VisibilityState } from '@tanstack/react-table';
import type { SortOrder } from '../../ui/list-search';
import { ListTable, sortedCaption, useServerSortedTable } from '../../ui/ListTable';
import { establishmentColumns } from './columns';
import { sortColumns, type SortColumn } from './list-search';
import type { Establishment } from './types';

const sortLabels: Record<SortColumn, string> = {
  name: 'nom',
  uai: 'UAI',
  communeName: 'commune',
  natureCode: 'nature',
  pupils: 'nombre d’élèves',
  academyCode: 'académie',
  updatedAt: 'date de mise à jour',
};

interface Props {
  items: Establishment[];
  sort: SortColumn;
  order: SortOrder;
  onSort: (sort: SortColumn, order: SortOrder) => void;
  busy: boolean;
}

/** Server-side sorted and paginated: TanStack Table only lays out the current page. */
export function EstablishmentTable({ items, sort, order, onSort, busy }: Props) {
  // On a tablet in portrait, fewer columns: the UAI moves under the name.
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const columnVisibility: VisibilityState = narrow ? { uai: false, pupils: false, updatedAt: false } : {};
  const table = useServerSortedTable({
    data: items,
    columns: establishmentColumns,
    sortColumns,
    sort,
    order,
    onSort,
    state: { columnVisibility },
    meta: { narrow },
    getRowId: (row) => row.uai,
  });

  return (
    <ListTable
      table={table}
      sortColumns={sortColumns}
      captionId="legende-etablissements"
      caption={sortedCaption('Établissements', sortLabels[sort], order)}
      minWidth={narrow ? 640 : 900}
      busy={busy}
      empty="Aucun établissement ne correspond à ces critères."
    />
  );
}
