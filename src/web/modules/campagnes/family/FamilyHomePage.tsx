import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Navigate, useNavigate } from '@tanstack/react-router';
import { errorMessage, isApiError } from '../../../api/client';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/usePageTitle';
import { euros, parisWhen, stateColors, stateLabel } from '../labels';
import { FamilyFrame } from './FamilyFrame';
import { useOpenCampaigns, useOwnFiles, useStartFile, type OpenCampaign } from './family-api';

const routeApi = getRouteApi('/famille/$authority');

/** A family's page: its files with what each still needs, the campaigns it may apply to, all it gave. */
export function FamilyHomePage() {
  const { authority } = routeApi.useParams();
  usePageTitle('Mes demandes d’aide');
  const files = useOwnFiles();
  const campaigns = useOpenCampaigns(authority);

  if (isApiError(files.error, 401) || isApiError(files.error, 403)) return <Navigate to="/famille/$authority/connexion" params={{ authority }} search={{}} />;
  if (files.error) return <Alert color="red" role="alert">{errorMessage(files.error)}</Alert>;
  if (!files.data) return <Loading label="Chargement de vos demandes…" />;
  const startedCodes = new Set(files.data.map((f) => f.campaign.code));
  const startable = (campaigns.data ?? []).filter((c) => !startedCodes.has(c.code));

  return (
    <FamilyFrame authority={authority} title="Mes demandes d’aide" signedIn>
      <Stack gap="lg">
        <section aria-labelledby="mes-dossiers">
          <Title order={2} size="h3" id="mes-dossiers" mb="sm">Mes dossiers</Title>
          {files.data.length === 0 ? (
            <Text>Vous n’avez pas encore de dossier.</Text>
          ) : (
            <Stack gap="sm">
              {files.data.map((f) => (
                <Card key={f.id} withBorder radius="md" padding="md">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <AnchorLink to="/famille/$authority/dossiers/$id" params={{ authority, id: f.id }} fw={600}>
                      Dossier n° {f.number} — {f.campaign.title}
                    </AnchorLink>
                    <Badge color={stateColors[f.state] ?? 'gray'} variant="light">{stateLabel(f.state)}</Badge>
                  </Group>
                  <Text size="sm" mt={4}>
                    {f.pupilFirstName || f.pupilLastName ? `Pour ${[f.pupilFirstName, f.pupilLastName].filter(Boolean).join(' ')}` : 'Élève non renseigné'}
                    {f.priceCents !== null && ` · aide ${euros(f.aidCents)}, reste à payer ${euros(f.familyCents)}`}
                  </Text>
                  {f.missing.length > 0 && f.state === 'brouillon' && (
                    <Text size="sm" c="orange.9">Il manque encore : {f.missing.map((m) => m.message).join(' ; ')}</Text>
                  )}
                </Card>
              ))}
            </Stack>
          )}
        </section>
        {startable.length > 0 && (
          <section aria-labelledby="nouvelle-demande">
            <Title order={2} size="h3" id="nouvelle-demande" mb="sm">Faire une demande</Title>
            <Stack gap="sm">
              {startable.map((c) => (
                <StartCard key={c.code} authority={authority} campaign={c} />
              ))}
            </Stack>
          </section>
        )}
        <section aria-labelledby="mes-donnees">
          <Title order={2} size="h3" id="mes-donnees" mb="xs">Mes données</Title>
          <Text size="sm">
            Tout ce que vous avez transmis (réponses et documents) :{' '}
            <Anchor href="/api/family/data-export" download>télécharger l’archive ZIP</Anchor>.
          </Text>
        </section>
      </Stack>
    </FamilyFrame>
  );
}

function StartCard({ authority, campaign }: { authority: string; campaign: OpenCampaign }) {
  const start = useStartFile();
  const navigate = useNavigate();
  return (
    <Card withBorder radius="md" padding="md">
      <Text fw={600}>{campaign.title}</Text>
      <Text size="sm" mb="sm">
        Ouverte jusqu’au {parisWhen(campaign.closesAt)} · équipements proposés : {campaign.devices.map((d) => `${d.label} (${euros(d.priceCents)})`).join(', ')}
      </Text>
      {start.isError && <Alert color="red" role="alert" mb="sm">{errorMessage(start.error)}</Alert>}
      <div>
        <Button
          loading={start.isPending}
          onClick={() => start.mutate(campaign.code, { onSuccess: (file) => void navigate({ to: '/famille/$authority/dossiers/$id', params: { authority, id: file.id } }) })}
        >
          Commencer ma demande
        </Button>
      </div>
    </Card>
  );
}
