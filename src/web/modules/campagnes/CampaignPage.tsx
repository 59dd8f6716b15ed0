import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { apiClient, call, errorMessage } from '../../api/client';
import { getRouteApi } from '@tanstack/react-router';
import { useCan, useMe } from '../../session/session';
import { Facts } from '../../ui/Facts';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { CampaignDossiers } from './CampaignDossiers';
import { CampaignEligibility } from './CampaignEligibility';
import { CampaignGrid } from './CampaignGrid';
import { CampaignGroups } from './CampaignGroups';
import { CampaignSettings } from './CampaignSettings';
import { CampaignWebhooks } from './CampaignWebhooks';
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
        {c.permissions.manage && <CampaignSettings campaign={c} />}
        {c.permissions.manage && <CampaignEligibility campaignId={c.id} />}
        {c.permissions.manage && <CampaignGroups campaignId={c.id} />}
        {c.permissions.manage && c.kind === 'candidature' && <CampaignGrid key={c.version} campaign={c} />}
        {c.permissions.manage && (
          <Section title="Formulaire">
            <Text size="sm" mb="sm">Les champs demandés, leurs conditions et les annotations privées ; chaque publication crée une version, les dossiers gardent la leur.</Text>
            <AnchorLink to="/campagnes/$id/formulaire" params={{ id: c.id }}>
              Construire le formulaire
            </AnchorLink>
          </Section>
        )}
        {c.kind === 'family-aid' ? (
          <AnchorLink to="/campagnes/$id/aide" params={{ id: c.id }}>
            Tableau de bord de l’aide et remises au lycée
          </AnchorLink>
        ) : null}
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
        {c.permissions.apply && c.kind !== 'family-aid' && <StartDossier campaignId={c.id} kind={c.kind} />}
        {c.permissions.manage && <CampaignWebhooks campaignId={c.id} />}
        <Section title="Dossiers">
          {c.permissions.instruct || c.permissions.manage ? null : <Text size="sm" c="dimmed" mb="sm">Vous voyez les dossiers de votre périmètre.</Text>}
          <CampaignDossiers campaignId={c.id} canInstruct={c.permissions.instruct || c.permissions.manage} canExport={canExport} />
        </Section>
      </Stack>
    </>
  );
}

/**
 * A school's staff start their school's file on the call's published form; the file opens on its
 * own page (the renewal request, the project, or the form to answer).
 */
function StartDossier({ campaignId, kind }: { campaignId: string; kind: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => call(apiClient.POST('/api/campaigns/{campaign}/dossiers', { params: { path: { campaign: campaignId } }, body: {} })),
    onSuccess: (d) => {
      if (kind === 'renewal') return void navigate({ to: '/campagnes/renouvellement/$id', params: { id: d.id } });
      if (kind === 'project') return void navigate({ to: '/campagnes/projets/$id', params: { id: d.id } });
      void navigate({ to: '/campagnes/dossiers/$id', params: { id: d.id } });
    },
  });
  if (!me.assignments.some((a) => a.role === 'establishment-staff' && a.establishmentId)) return null;
  return (
    <Section title="Déposer un dossier">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">Le dossier est commencé au nom de votre établissement, sur la version publiée du formulaire ; il reste un brouillon jusqu’à son dépôt.</Text>
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          Commencer un dossier pour mon établissement
        </Button>
        {start.error ? <Alert color="red" role="alert">{errorMessage(start.error)}</Alert> : null}
      </Stack>
    </Section>
  );
}
