import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconHeadset, IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import type { Query } from '../../../api/client';
import { formatNumber } from '../../../labels';
import { useCan } from '../../../session/session';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Guard } from '../../../ui/Guard';
import { ButtonLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { TablePagination } from '../../../ui/TablePagination';
import { ticketFiltersOf, ticketPageSizes, type TicketListSearch } from './list-search';
import { useTicketList } from './queries';
import { TicketFilters } from './TicketFilters';
import { TicketTable } from './TicketTable';

const routeApi = getRouteApi('/app/guichet');

export function TicketsPage() {
  return (
    <Guard permission="ticket.read">
      <TicketList />
    </Guard>
  );
}

function TicketList() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan('ticket.create');
  const canHandle = useCan('ticket.handle');
  const canExport = useCan('ticket.export');
  const list = useTicketList(search);

  const update = (changes: Partial<TicketListSearch>, replace = false) =>
    navigate({ search: (prev: TicketListSearch) => ({ ...prev, ...changes, page: 'page' in changes ? changes.page : undefined }), replace });

  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? 25;
  const total = list.data?.total;

  return (
    <>
      <PageHeader
        title="Guichet unique"
        subtitle="Incidents et demandes que votre rôle vous permet de voir, avec leurs échéances de prise en charge et de résolution."
        actions={
          <Group gap="sm">
            {canCreate && (
              <ButtonLink to="/guichet/nouveau" leftSection={<IconPlus size={18} aria-hidden />}>
                Signaler un incident
              </ButtonLink>
            )}
            {canHandle && (
              <ButtonLink to="/guichet/appel" variant="default" leftSection={<IconHeadset size={18} aria-hidden />}>
                Appel hotline
              </ButtonLink>
            )}
            {canExport && <ExportButtons path="/tickets/export" filters={ticketFiltersOf(search) as Query} basename="tickets" />}
          </Group>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <TicketFilters search={search} onChange={update} onReset={() => navigate({ search: {} })} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text role="status" aria-live="polite" fw={600} mb="xs">
            {total === undefined ? 'Recherche…' : total === 0 ? 'Aucun ticket trouvé' : `${formatNumber(total)} ticket${total > 1 ? 's' : ''} trouvé${total > 1 ? 's' : ''}`}
          </Text>
          {list.error ? (
            <QueryError error={list.error} retry={() => void list.refetch()} />
          ) : !list.data ? (
            <Loading label="Chargement des tickets…" />
          ) : (
            <>
              <TicketTable items={list.data.items} sort={search.sort ?? 'openedAt'} order={search.order ?? 'desc'} onSort={(sort, order) => update({ sort, order })} busy={list.isFetching} />
              <TablePagination
                page={page}
                pageSize={pageSize}
                total={list.data.total}
                noun="ticket"
                onPage={(p) => update({ page: p > 1 ? p : undefined })}
                onPageSize={(s) => update({ pageSize: s === 25 ? undefined : s })}
                sizes={ticketPageSizes}
              />
            </>
          )}
        </Paper>
      </Stack>
    </>
  );
}
