import { Badge, Group, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { Facts } from '../../ui/Facts';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { DossiersTable } from './DossiersTable';
import { campaignKindLabels, campaignStatusLabels, euros, parisWhen } from './labels';
import { useCampaign } from './queries';

const routeApi = getRouteApi('/app/campagnes/$id');

export function CampaignPage() {
  return (
    <Guard permission="campaign.read">
      <Campaign />
    </Guard>
  );
}

function Campaign() {
  const { id } = routeApi.useParams();
  const campaign = useCampaign(id);
  if (campaign.isPending) return <Loading />;
  if (campaign.isError) return <QueryError error={campaign.error} retry={() => void campaign.refetch()} />;
  const c = campaign.data;
  return (
    <>
      <AnchorLink to="/campagnes" size="sm">← Toutes les campagnes</AnchorLink>
      <PageHeader title={c.title} subtitle={c.description} badge={<Badge variant="light" color={c.open ? 'teal' : 'gray'}>{c.open ? 'Ouverte' : 'Fermée'}</Badge>} />
      <Stack gap="lg">
        <Section title="La campagne">
          <Facts
            items={[
              ['Code', c.code],
              ['Type', campaignKindLabels[c.kind] ?? c.kind],
              ['Statut', campaignStatusLabels[c.status] ?? c.status],
              ['Ouverture (heure de Paris)', parisWhen(c.opensAt)],
              ['Clôture (heure de Paris)', parisWhen(c.closesAt)],
              ['Budget', c.budgetCents === null ? null : euros(c.budgetCents)],
              ['Conservation des dossiers', `${c.retentionMonths} mois`],
              ['Réouvertures', c.reopenings.length ? c.reopenings.map((r) => `${parisWhen(r.at)} par ${r.byLabel} : ${r.reason}`).join(' ; ') : 'Aucune'],
            ]}
          />
        </Section>
        {(c.permissions.instruct || c.permissions.manage || c.kind === 'candidature') && (
          <Group gap="md">
            {c.kind === 'candidature' && <AnchorLink to="/campagnes/$id/classement" params={{ id: c.id }}>Classement et comité de sélection</AnchorLink>}
            {(c.permissions.instruct || c.permissions.manage) && <AnchorLink to="/campagnes/$id/lettres" params={{ id: c.id }}>Modèles de lettres de décision</AnchorLink>}
          </Group>
        )}
        <Section title="Dossiers">
          {c.permissions.instruct || c.permissions.manage ? null : <Text size="sm" c="dimmed" mb="sm">Vous voyez les dossiers de votre périmètre.</Text>}
          <DossiersTable campaignId={c.id} canInstruct={c.permissions.instruct || c.permissions.manage} />
        </Section>
      </Stack>
    </>
  );
}
