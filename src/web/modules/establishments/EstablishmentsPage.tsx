import { Alert, Paper, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { formatNumber } from '../../labels';
import { useCan } from '../../session/session';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { EstablishmentFilters } from './EstablishmentFilters';
import { EstablishmentTable } from './EstablishmentTable';
import { ExportButtons } from './ExportButtons';
import { pageSizes, pagesByNumber, type ListSearch } from './list-search';
import { useEstablishmentList } from './queries';

const routeApi = getRouteApi('/app/etablissements');

export function EstablishmentsPage() {
  return (
    <Guard permission="establishment.read">
      <EstablishmentList />
    </Guard>
  );
}

function EstablishmentList() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canExport = useCan('establishment.export');
  const list = useEstablishmentList(search);

  // any change but a page's starts the list again: a cursor belongs to one sort and one set of filters
  const update = (changes: Partial<ListSearch>, replace = false) =>
    navigate({
      search: (prev: ListSearch) => ({ ...prev, ...changes, page: 'page' in changes ? changes.page : undefined, after: changes.after, before: changes.before }),
      replace,
    });

  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? 25;
  const total = list.data?.total;
  const lowerBound = list.data?.totalIsLowerBound ?? false;
  const onPage = (p: number) => {
    const beside = list.data;
    if (beside && p > pagesByNumber && p === page + 1 && beside.nextCursor) update({ page: p, after: beside.nextCursor });
    else if (beside && p > pagesByNumber && p === page - 1 && beside.previousCursor) update({ page: p, before: beside.previousCursor });
    else update({ page: p > 1 ? p : undefined });
  };

  return (
    <>
      <PageHeader
        title="Établissements"
        subtitle="Les établissements de la collectivité que votre rôle vous permet de voir."
        actions={canExport ? <ExportButtons search={search} /> : undefined}
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <EstablishmentFilters search={search} onChange={update} onReset={() => navigate({ search: {} })} />
        </Paper>
        {(search.unitId || search.departmentCode) && (
          <Alert color="coherence" variant="light">
            Liste restreinte {search.unitId ? 'à une unité territoriale' : `au département ${search.departmentCode}`}. « Effacer les filtres » affiche tout.
          </Alert>
        )}
        <Paper withBorder p="md" radius="md">
          <Text role="status" aria-live="polite" fw={600} mb="xs">
            {total === undefined
              ? 'Recherche…'
              : total === 0
                ? 'Aucun établissement trouvé'
                : `${lowerBound ? 'Plus de ' : ''}${formatNumber(total)} établissement${total > 1 ? 's' : ''} trouvé${total > 1 ? 's' : ''}`}
          </Text>
          {list.error ? (
            <QueryError error={list.error} retry={() => void list.refetch()} />
          ) : !list.data ? (
            <Loading label="Chargement des établissements…" />
          ) : (
            <>
              <EstablishmentTable
                items={list.data.items}
                sort={search.sort ?? 'name'}
                order={search.order ?? 'asc'}
                onSort={(sort, order) => update({ sort, order })}
                busy={list.isFetching}
              />
              <TablePagination
                page={page}
                pageSize={pageSize}
                total={list.data.total}
                totalIsLowerBound={list.data.totalIsLowerBound}
                hasNext={list.data.nextCursor !== null}
                noun="établissement"
                onPage={onPage}
                onPageSize={(s) => update({ pageSize: s === 25 ? undefined : s })}
                sizes={pageSizes}
              />
            </>
          )}
        </Paper>
      </Stack>
    </>
  );
}
