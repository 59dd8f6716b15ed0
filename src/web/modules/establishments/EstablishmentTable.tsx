import { Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { flexRender, getCoreRowModel, useReactTable, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { ariaSort, SortButton } from '../../ui/SortableHeader';
import { establishmentColumns, metaOf } from './columns';
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
  order: 'asc' | 'desc';
  onSort: (sort: SortColumn, order: 'asc' | 'desc') => void;
  busy: boolean;
}

/** Server-side sorted and paginated: TanStack Table only lays out the current page. */
export function EstablishmentTable({ items, sort, order, onSort, busy }: Props) {
  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  // On a tablet in portrait, fewer columns: the UAI moves under the name.
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const columnVisibility: VisibilityState = narrow ? { uai: false, pupils: false, updatedAt: false } : {};
  const table = useReactTable({
    data: items,
    columns: establishmentColumns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    meta: { narrow },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && (sortColumns as readonly string[]).includes(first.id)) onSort(first.id as SortColumn, first.desc ? 'desc' : 'asc');
    },
    getRowId: (row) => row.uai,
  });

  return (
    <div className="table-scroll" role="region" aria-labelledby="legende-etablissements" tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" miw={narrow ? 640 : 900} captionSide="top" aria-busy={busy}>
        <Table.Caption id="legende-etablissements" style={{ textAlign: 'left' }}>
          Établissements, triés par {sortLabels[sort]} ({order === 'asc' ? 'ordre croissant' : 'ordre décroissant'})
        </Table.Caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const label = String(header.column.columnDef.header);
                const { numeric, width } = metaOf(header.column.columnDef.meta);
                return (
                  <Table.Th
                    key={header.id}
                    scope="col"
                    aria-sort={header.column.getCanSort() ? ariaSort(header.column.getIsSorted()) : undefined}
                    style={{ textAlign: numeric ? 'right' : undefined, whiteSpace: 'nowrap', width }}
                  >
                    {header.column.getCanSort() ? (
                      <SortButton label={label} state={header.column.getIsSorted()} onClick={header.column.getToggleSortingHandler()!} />
                    ) : (
                      label
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id}>
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
                  Aucun établissement ne correspond à ces critères.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
