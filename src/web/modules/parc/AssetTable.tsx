import { Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { flexRender, getCoreRowModel, useReactTable, type RowSelectionState, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { ariaSort, SortButton } from '../../ui/SortableHeader';
import { assetColumns, metaOf } from './columns';
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
  order: 'asc' | 'desc';
  onSort: (sort: AssetSortColumn, order: 'asc' | 'desc') => void;
  busy: boolean;
  /** Row selection for the bulk actions; absent when the person may not change devices. */
  selection?: RowSelectionState;
  onSelectionChange?: (next: RowSelectionState) => void;
}

/** Server-side sorted and paginated: TanStack Table lays out the current page and keeps the selection. */
export function AssetTable({ items, sort, order, onSort, busy, selection, onSelectionChange }: Props) {
  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  // With the menu open (laptop, landscape tablet) the memory column goes (the device page has it);
  // on a tablet in portrait the type and serial move under the name too.
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const medium = useMediaQuery('(max-width: 90em)') ?? false;
  const columnVisibility: VisibilityState = { select: Boolean(onSelectionChange), memoryMb: !medium, serial: !narrow, assetClass: !narrow };
  const table = useReactTable({
    data: items,
    columns: assetColumns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableRowSelection: (row) => row.original.permissions.update,
    state: { sorting, columnVisibility, rowSelection: selection ?? {} },
    meta: { narrow },
    onRowSelectionChange: (updater) => onSelectionChange?.(typeof updater === 'function' ? updater(selection ?? {}) : updater),
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && (assetSortColumns as readonly string[]).includes(first.id)) onSort(first.id as AssetSortColumn, first.desc ? 'desc' : 'asc');
    },
    getRowId: (row) => row.id,
  });

  return (
    <div className="table-scroll" role="region" aria-labelledby="legende-equipements" tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" miw={narrow ? 640 : 880} captionSide="top" aria-busy={busy}>
        <Table.Caption id="legende-equipements" style={{ textAlign: 'left' }}>
          Équipements, triés par {sortLabels[sort]} ({order === 'asc' ? 'ordre croissant' : 'ordre décroissant'})
        </Table.Caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const { numeric, width } = metaOf(header.column.columnDef.meta);
                const sortable = (assetSortColumns as readonly string[]).includes(header.column.id);
                const label = typeof header.column.columnDef.header === 'string' ? header.column.columnDef.header : null;
                return (
                  <Table.Th
                    key={header.id}
                    scope="col"
                    aria-sort={sortable ? ariaSort(header.column.getIsSorted()) : undefined}
                    style={{ textAlign: numeric ? 'right' : undefined, whiteSpace: 'nowrap', width }}
                  >
                    {sortable && label ? (
                      <SortButton label={label} state={header.column.getIsSorted()} onClick={header.column.getToggleSortingHandler()!} />
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} bg={row.getIsSelected() ? 'var(--mantine-color-coherence-0)' : undefined}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id} style={{ textAlign: metaOf(cell.column.columnDef.meta).numeric ? 'right' : undefined }}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={table.getVisibleLeafColumns().length}>
                <Text ta="center" py="lg" c="dimmed">
                  Aucun équipement ne correspond à ces critères.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
