import { Alert, Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { RowSelectionState } from '@tanstack/react-table';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { formatNumber } from '../../labels';
import { useCan } from '../../session/session';
import { Guard } from '../../ui/Guard';
import { ButtonLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { AssetExportButtons } from './AssetExportButtons';
import { AssetFilters } from './AssetFilters';
import { AssetTable } from './AssetTable';
import { BulkActions } from './BulkActions';
import { assetPageSizes, type AssetListSearch } from './list-search';
import { useAssetList } from './queries';

const routeApi = getRouteApi('/app/parc');

export function AssetsPage() {
  return (
    <Guard permission="asset.read">
      <AssetList />
    </Guard>
  );
}

function AssetList() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canUpdate = useCan('asset.update');
  const list = useAssetList(search);
  const [selection, setSelection] = useState<RowSelectionState>({});

  // A new page, sort or filter shows other rows: the selection would act on rows no longer in view.
  const searchKey = JSON.stringify(search);
  useEffect(() => setSelection({}), [searchKey]);

  const update = (changes: Partial<AssetListSearch>, replace = false) =>
    navigate({ search: (prev: AssetListSearch) => ({ ...prev, ...changes, page: 'page' in changes ? changes.page : undefined }), replace });

  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? 25;
  const total = list.data?.total;
  const selected = (list.data?.items ?? []).filter((a) => selection[a.id]);

  return (
    <>
      <PageHeader
        title="Parc informatique"
        subtitle="Les équipements des établissements que votre rôle vous permet de voir : inventaire automatique et saisie."
        actions={
          <Group gap="sm">
            <AssetExportButtons search={search} />
            {canUpdate && (
              <ButtonLink to="/parc/import" variant="default" leftSection={<IconFileImport size={18} aria-hidden />}>
                Importer un fichier
              </ButtonLink>
            )}
          </Group>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <AssetFilters search={search} onChange={update} onReset={() => navigate({ search: {} })} />
        </Paper>
        {search.staleDays && (
          <Alert color="orange" variant="light">
            Équipements dont l’agent n’a rien envoyé depuis plus de {search.staleDays} jours (ceux qu’aucun agent n’inventorie n’y figurent pas).
          </Alert>
        )}
        {canUpdate && <BulkActions selected={selected} onDone={() => setSelection({})} />}
        <Paper withBorder p="md" radius="md">
          <Text role="status" aria-live="polite" fw={600} mb="xs">
            {total === undefined ? 'Recherche…' : total === 0 ? 'Aucun équipement trouvé' : `${formatNumber(total)} équipement${total > 1 ? 's' : ''} trouvé${total > 1 ? 's' : ''}`}
          </Text>
          {list.error ? (
            <QueryError error={list.error} retry={() => void list.refetch()} />
          ) : !list.data ? (
            <Loading label="Chargement des équipements…" />
          ) : (
            <>
              <AssetTable
                items={list.data.items}
                sort={search.sort ?? 'name'}
                order={search.order ?? 'asc'}
                onSort={(sort, order) => update({ sort, order })}
                busy={list.isFetching}
                selection={canUpdate ? selection : undefined}
                onSelectionChange={canUpdate ? setSelection : undefined}
              />
              <TablePagination
                page={page}
                pageSize={pageSize}
                total={list.data.total}
                noun="équipement"
                onPage={(p) => update({ page: p > 1 ? p : undefined })}
                onPageSize={(s) => update({ pageSize: s === 25 ? undefined : s })}
                sizes={assetPageSizes}
              />
            </>
          )}
        </Paper>
      </Stack>
    </>
  );
}
