import { Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { flexRender, getCoreRowModel, useReactTable, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { ariaSort, SortButton } from '../../../ui/SortableHeader';
import { metaOf, ticketColumns } from './columns';
import { ticketSortColumns, type TicketSortColumn } from './list-search';
import type { TicketSummary } from './types';

const sortLabels: Record<TicketSortColumn, string> = {
  openedAt: 'date d’ouverture',
  priority: 'priorité',
  dueToResolve: 'échéance de résolution',
  dueToOwn: 'échéance de prise en charge',
  number: 'numéro',
  updatedAt: 'dernière modification',
};

interface Props {
  items: TicketSummary[];
  sort: TicketSortColumn;
  order: 'asc' | 'desc';
  onSort: (sort: TicketSortColumn, order: 'asc' | 'desc') => void;
  busy: boolean;
}

/**
 * Server-side sorted and paginated. A click anywhere on a row opens the ticket (the number is the
 * link keyboards and screen readers use).
 */
export function TicketTable({ items, sort, order, onSort, busy }: Props) {
  const navigate = useNavigate();
  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  // with the menu open (laptop) the opening date goes (the ticket page has it); on a tablet the team too
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const medium = useMediaQuery('(max-width: 90em)') ?? false;
  const columnVisibility: VisibilityState = { team: !narrow, openedAt: !medium };
  const table = useReactTable({
    data: items,
    columns: ticketColumns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && (ticketSortColumns as readonly string[]).includes(first.id)) onSort(first.id as TicketSortColumn, first.desc ? 'desc' : 'asc');
    },
    getRowId: (row) => row.id,
  });

  return (
    <div className="table-scroll" role="region" aria-labelledby="legende-tickets" tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" miw={narrow ? 640 : 960} captionSide="top" aria-busy={busy}>
        <Table.Caption id="legende-tickets" style={{ textAlign: 'left' }}>
          Tickets, triés par {sortLabels[sort]} ({order === 'asc' ? 'ordre croissant' : 'ordre décroissant'})
        </Table.Caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const { width } = metaOf(header.column.columnDef.meta);
                const sortable = (ticketSortColumns as readonly string[]).includes(header.column.id);
                const label = typeof header.column.columnDef.header === 'string' ? header.column.columnDef.header : null;
                return (
                  <Table.Th key={header.id} scope="col" aria-sort={sortable ? ariaSort(header.column.getIsSorted()) : undefined} style={{ whiteSpace: 'nowrap', width }}>
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
            <Table.Tr
              key={row.id}
              style={{ cursor: 'pointer' }}
              onClick={(event) => {
                // a link or button inside the row does its own thing
                if ((event.target as HTMLElement).closest('a, button')) return;
                void navigate({ to: '/guichet/$ticketId', params: { ticketId: row.original.id } });
              }}
            >
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={table.getVisibleLeafColumns().length}>
                <Text ta="center" py="lg" c="dimmed">
                  Aucun ticket ne correspond à ces critères.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
