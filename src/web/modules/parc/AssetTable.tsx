import { useMediaQuery } from '@mantine/hooks';
import type { RowSelectionState, VisibilityState } from '@tanstack/react-table';
import type { SortOrder } from '../../ui/list-search';
import { ListTable, sortedCaption, useServerSortedTable } from '../../ui/ListTable';
import { assetColumns } from './columns';
import { assetSortColumns, type AssetSortColumn } from './list-search';
import type { AssetSummary } from './types';

const sortLabels: Record<AssetSortColumn, string> = {
  name: 'nom',
  serial: 'numéro de série',
  assetClass: 'type',
  status: 'statut',
  lastInventoryAt: 'date du dernier inventaire',
  memoryMb: 'mémoire',
  purchaseDate: 'date d’achat',
};

interface Props {
  items: AssetSummary[];
  sort: AssetSortColumn;
  order: SortOrder;
  onSort: (sort: AssetSortColumn, order: SortOrder) => void;
  busy: boolean;
  /** Row selection for the bulk actions; absent when the person may not change devices. */
  selection?: RowSelectionState;
  onSelectionChange?: (next: RowSelectionState) => void;
}

/** Server-side sorted and paginated: TanStack Table lays out the current page and keeps the selection. */
export function AssetTable({ items, sort, order, onSort, busy, selection, onSelectionChange }: Props) {
  // With the menu open (laptop, landscape tablet) the memory column goes (the device page has it);
  // on a tablet in portrait the type and serial move under the name too.
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const medium = useMediaQuery('(max-width: 90em)') ?? false;
  const columnVisibility: VisibilityState = { select: Boolean(onSelectionChange), memoryMb: !medium, serial: !narrow, assetClass: !narrow };
  const table = useServerSortedTable({
    data: items,
    columns: assetColumns,
    sortColumns: assetSortColumns,
    sort,
    order,
    onSort,
    enableRowSelection: (row) => row.original.permissions.update,
    state: { columnVisibility, rowSelection: selection ?? {} },
    meta: { narrow },
    onRowSelectionChange: (updater) => onSelectionChange?.(typeof updater === 'function' ? updater(selection ?? {}) : updater),
    getRowId: (row) => row.id,
  });

  return (
    <ListTable
      table={table}
      sortColumns={assetSortColumns}
      captionId="legende-equipements"
      caption={sortedCaption('Équipements', sortLabels[sort], order)}
      minWidth={narrow ? 640 : 880}
      busy={busy}
      empty="Aucun équipement ne correspond à ces critères."
      rowProps={(row) => ({ bg: row.getIsSelected() ? 'var(--mantine-color-coherence-0)' : undefined })}
    />
  );
}
