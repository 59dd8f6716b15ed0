import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import type { VisibilityState } from '@tanstack/react-table';
import type { SortOrder } from '../../../ui/list-search';
import { ListTable, sortedCaption, useServerSortedTable } from '../../../ui/ListTable';
import { ticketColumns } from './columns';
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
  order: SortOrder;
  onSort: (sort: TicketSortColumn, order: SortOrder) => void;
  busy: boolean;
}

/**
 * Server-side sorted and paginated. A click anywhere on a row opens the ticket (the number is the
 * link keyboards and screen readers use).
 */
export function TicketTable({ items, sort, order, onSort, busy }: Props) {
  const navigate = useNavigate();
  // with the menu open (laptop) the opening date goes (the ticket page has it); on a tablet the team too
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const medium = useMediaQuery('(max-width: 90em)') ?? false;
  const columnVisibility: VisibilityState = { team: !narrow, openedAt: !medium };
  const table = useServerSortedTable({
    data: items,
    columns: ticketColumns,
    sortColumns: ticketSortColumns,
    sort,
    order,
    onSort,
    state: { columnVisibility },
    getRowId: (row) => row.id,
  });

  return (
    <ListTable
      table={table}
      sortColumns={ticketSortColumns}
      captionId="legende-tickets"
      caption={sortedCaption('Tickets', sortLabels[sort], order)}
      minWidth={narrow ? 640 : 960}
      busy={busy}
      empty="Aucun ticket ne correspond à ces critères."
      rowProps={(row) => ({
        style: { cursor: 'pointer' },
        onClick: (event) => {
          // a link or button inside the row does its own thing
          if ((event.target as HTMLElement).closest('a, button')) return;
          void navigate({ to: '/guichet/$ticketId', params: { ticketId: row.original.id } });
        },
      })}
    />
  );
}
