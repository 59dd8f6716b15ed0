import { Badge, Grid, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { natureLabel } from '../../labels';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { useCan } from '../../session/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { OpenBadge } from './columns';
import { EstablishmentEditForm } from './EstablishmentEditForm';
import { ContactCard, IdentityCard } from './EstablishmentSummary';
import { displayName } from '../../../shared/display-name';
import { EstablishmentActivity } from './EstablishmentActivity';
import { HistorySection } from './HistorySection';
import { PremisesSection } from './PremisesSection';
import { establishmentQuery, useRefreshEstablishment } from './queries';

const routeApi = getRouteApi('/app/etablissements/$uai');

export function EstablishmentPage() {
  const { uai } = routeApi.useParams();
  const detail = useQuery(establishmentQuery(uai));
  const canReadAudit = useCan('audit.read');
  const [editing, setEditing] = useState(false);
  const refresh = useRefreshEstablishment(uai);

  if (isApiError(detail.error, 404) || isApiError(detail.error, 403)) {
    return (
      <NotFoundPage
        title="Établissement introuvable"
        message={`Aucun établissement « ${uai} » n’est accessible dans la collectivité active. Il n’existe pas, appartient à une autre collectivité ou sort du périmètre de votre rôle.`}
        back={{ to: '/etablissements', label: 'Retour à la liste des établissements' }}
      />
    );
  }
  if (detail.error) return <QueryError error={detail.error} retry={() => void detail.refetch()} />;
  if (!detail.data) return <Loading label="Chargement de l’établissement…" />;
  const e = detail.data;

  return (
    <>
      <PageHeader
        title={displayName(e.name)}
        crumbs={[{ label: 'Établissements', to: '/etablissements' }]}
        badge={
          <Group gap={6}>
            <Badge variant="outline" color="gray" radius="sm" ff="monospace" aria-label={`UAI ${e.uai}`}>
              {e.uai}
            </Badge>
            <OpenBadge open={e.isOpen} />
          </Group>
        }
        subtitle={
          <Text span>
            {[natureLabel(e.natureCode, e.natureLabel), e.communeName ? displayName(e.communeName) : null].filter(Boolean).join(' — ')}
            {displayName(e.name) !== e.name && (
              <Text span size="xs" c="dimmed" display="block">
                Nom dans l’annuaire : {e.name}
              </Text>
            )}
          </Text>
        }
      />
      <Stack gap="lg">
        {editing ? (
          <EstablishmentEditForm establishment={e} onDone={() => setEditing(false)} onReload={() => void refresh()} />
        ) : (
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <IdentityCard establishment={e} onEdit={e.permissions.update ? () => setEditing(true) : undefined} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <ContactCard establishment={e} />
            </Grid.Col>
          </Grid>
        )}
        <EstablishmentActivity uai={e.uai} />
        <PremisesSection establishment={e} />
        {canReadAudit && <HistorySection uai={e.uai} />}
      </Stack>
    </>
  );
}
