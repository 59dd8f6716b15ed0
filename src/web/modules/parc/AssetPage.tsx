import { Badge, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { useCan } from '../../session/session';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { AssetEditForm } from './AssetEditForm';
import { AdministrativeCard, IdentityCard } from './AssetSummaryCards';
import { CartAndLoanSection } from './CartAndLoanSection';
import { assetLabel, StaleBadge, StatusBadge } from './columns';
import { HardwareSection } from './HardwareSection';
import { MergeAssetsDialog } from './MergeAssetsDialog';
import { ImacTimeline, MatchesSection } from './HistorySections';
import { classLabel, formatMegabytes } from './labels';
import { assetQuery } from './queries';
import { ProposalsSection } from './ProposalsSection';
import { SoftwareSection } from './SoftwareSection';

const routeApi = getRouteApi('/app/parc/$id');

export function AssetPage() {
  return (
    <Guard permission="asset.read">
      <AssetView />
    </Guard>
  );
}

function AssetView() {
  const { id } = routeApi.useParams();
  const detail = useQuery({ ...assetQuery(id), retry: (count, error) => !isApiError(error) && count < 2 });
  const canUpdate = useCan('asset.update');
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const client = useQueryClient();
  const reload = () => void client.invalidateQueries({ queryKey: assetQuery(id).queryKey });

  if (isApiError(detail.error, 404) || isApiError(detail.error, 403) || isApiError(detail.error, 400)) {
    return (
      <NotFoundPage
        title="Équipement introuvable"
        message="Cet équipement n’existe pas, appartient à une autre collectivité ou se trouve hors du périmètre de votre rôle."
        back={{ to: '/parc', label: 'Retour au parc informatique' }}
      />
    );
  }
  if (detail.error) return <QueryError error={detail.error} retry={() => void detail.refetch()} />;
  if (!detail.data) return <Loading label="Chargement de l’équipement…" />;
  const a = detail.data;

  return (
    <>
      <PageHeader
        title={assetLabel(a)}
        crumbs={[{ label: 'Parc informatique', to: '/parc' }]}
        actions={
          canUpdate && a.permissions.update ? (
            <Button variant="default" leftSection={<IconArrowMerge size={16} aria-hidden />} onClick={() => setMerging(true)}>
              Fusionner avec…
            </Button>
          ) : undefined
        }
        badge={
          <Group gap={6}>
            <Badge variant="outline" color="gray" radius="sm">
              {classLabel(a.class)}
            </Badge>
            <StatusBadge status={a.status} />
            {a.stale && <StaleBadge />}
          </Group>
        }
        subtitle={
          <Text span>
            {[
              [a.manufacturer, a.model].filter(Boolean).join(' '),
              a.establishmentName ?? 'Stock de la collectivité',
              a.memoryMb !== null ? `${formatMegabytes(a.memoryMb)} de mémoire` : null,
              a.softwareCount ? `${a.softwareCount} logiciel${a.softwareCount > 1 ? 's' : ''}` : null,
            ]
              .filter(Boolean)
              .join(' — ')}
          </Text>
        }
      />
      {canUpdate && a.permissions.update && <MergeAssetsDialog opened={merging} onClose={() => setMerging(false)} current={a} />}
      <Stack gap="lg">
        {editing ? (
          <AssetEditForm asset={a} onDone={() => setEditing(false)} onReload={reload} />
        ) : (
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <IdentityCard asset={a} onEdit={canUpdate && a.permissions.update ? () => setEditing(true) : undefined} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <AdministrativeCard asset={a} />
            </Grid.Col>
          </Grid>
        )}
        <ProposalsSection assetId={a.id} canDecide={canUpdate && a.permissions.update} onDecided={reload} />
        <CartAndLoanSection asset={a} />
        <HardwareSection asset={a} />
        <SoftwareSection asset={a} />
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ImacTimeline history={a.history} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <MatchesSection asset={a} />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
