import { Table, Text, type TableTrProps } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Row,
  type SortingState,
  type Table as ReactTable,
  type TableOptions,
} from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { SortOrder } from './list-search';
import { ariaSort, SortButton } from './SortableHeader';

/** Column meta the list tables read: numbers right-aligned, an optional fixed width. */
const metaOf = (meta: unknown) => (meta ?? {}) as { numeric?: boolean; width?: number };

const isSortable = (sortColumns: readonly string[], id: string) => sortColumns.includes(id);

/**
 * A TanStack table over one page sorted by the server: the sort lives in the URL, a header click
 * asks for a new sort (never "no sort"), and only the columns the API can sort by are sortable.
 */
export function useServerSortedTable<TData, Column extends string>(
  options: Omit<TableOptions<TData>, 'getCoreRowModel' | 'onSortingChange'> & {
    sortColumns: readonly Column[];
    sort: Column;
    order: SortOrder;
    onSort: (sort: Column, order: SortOrder) => void;
  },
): ReactTable<TData> {
  const { sortColumns, sort, order, onSort, state, ...rest } = options;
  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  return useReactTable({
    ...rest,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { ...state, sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && isSortable(sortColumns, first.id)) onSort(first.id as Column, first.desc ? 'desc' : 'asc');
    },
  });
}

/** "Tickets, triés par priorité (ordre croissant)": the caption says the order the rows are in. */
export const sortedCaption = (noun: string, sortLabel: string, order: SortOrder) =>
  `${noun}, triés par ${sortLabel} (${order === 'asc' ? 'ordre croissant' : 'ordre décroissant'})`;

/**
 * The table of a paginated list: a captioned table in a focusable scroll region (named by its
 * caption), sort buttons in the sortable headers with aria-sort, and a line when nothing matches.
 */
export function ListTable<TData>(props: {
  table: ReactTable<TData>;
  sortColumns: readonly string[];
  /** Id of the caption, which names the scroll region. */
  captionId: string;
  caption: ReactNode;
  minWidth: number;
  busy: boolean;
  empty: string;
  rowProps?: (row: Row<TData>) => TableTrProps;
}) {
  const { table } = props;
  return (
    <div className="table-scroll" role="region" aria-labelledby={props.captionId} tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" miw={props.minWidth} captionSide="top" aria-busy={props.busy}>
        <Table.Caption id={props.captionId} style={{ textAlign: 'left' }}>
          {props.caption}
        </Table.Caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const { numeric, width } = metaOf(header.column.columnDef.meta);
                const sortable = isSortable(props.sortColumns, header.column.id);
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
            <Table.Tr key={row.id} {...props.rowProps?.(row)}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id} style={{ textAlign: metaOf(cell.column.columnDef.meta).numeric ? 'right' : undefined }}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          {table.getRowModel().rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={table.getVisibleLeafColumns().length}>
                <Text ta="center" py="lg" c="dimmed">
                  {props.empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
