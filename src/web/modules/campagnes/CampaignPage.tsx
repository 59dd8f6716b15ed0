import { Badge, Group, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useCan } from '../../session/session';
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
  const canExport = useCan('dossier.export');
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
        {c.permissions.manage && (
          <Section title="Formulaire">
            <Text size="sm" mb="sm">Les champs demandés, leurs conditions et les annotations privées ; chaque publication crée une version, les dossiers gardent la leur.</Text>
            <AnchorLink to="/campagnes/$id/formulaire" params={{ id: c.id }}>
              Construire le formulaire
            </AnchorLink>
          </Section>
        )}
        {c.kind === 'renewal' ? (
          <AnchorLink to="/campagnes/$id/arbitrage" params={{ id: c.id }}>
            Page d’arbitrage : demandes, parc et enveloppe
          </AnchorLink>
        ) : null}
        {(c.permissions.instruct || c.permissions.manage || c.kind === 'candidature') && (
          <Group gap="md">
            {c.kind === 'candidature' && <AnchorLink to="/campagnes/$id/classement" params={{ id: c.id }}>Classement et comité de sélection</AnchorLink>}
            {(c.permissions.instruct || c.permissions.manage) && <AnchorLink to="/campagnes/$id/lettres" params={{ id: c.id }}>Modèles de lettres de décision</AnchorLink>}
          </Group>
        )}
        <Section title="Dossiers">
          {c.permissions.instruct || c.permissions.manage ? null : <Text size="sm" c="dimmed" mb="sm">Vous voyez les dossiers de votre périmètre.</Text>}
          <DossiersTable campaignId={c.id} canInstruct={c.permissions.instruct || c.permissions.manage} canExport={canExport} />
        </Section>
      </Stack>
    </>
  );
}
