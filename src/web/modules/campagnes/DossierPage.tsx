import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { Facts } from '../../ui/Facts';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { DossierActions } from './DossierActions';
import { DossierForm } from './DossierForm';
import { AidInstruction } from './family/AidInstruction';
import { DossierMessages } from './DossierMessages';
import { DossierOpinions } from './DossierOpinions';
import { DossierLetter } from './letters/DossierLetter';
import { answerText, eventLabel, parisWhen, stateColors, stateLabel } from './labels';
import { useCampaign, useDossier, useForm } from './queries';

const routeApi = getRouteApi('/app/campagnes/dossiers/$id');

export type Dossier = NonNullable<ReturnType<typeof useDossier>['data']>;

export function DossierPage() {
  return (
    <Guard permission="dossier.read">
      <DossierView />
    </Guard>
  );
}

function DossierView() {
  const { id } = routeApi.useParams();
  const dossier = useDossier(id);
  if (dossier.isPending) return <Loading />;
  if (dossier.isError) return <QueryError error={dossier.error} retry={() => void dossier.refetch()} />;
  const d = dossier.data;
  const editing = d.permissions.edit || d.permissions.submit;
  return (
    <>
      <AnchorLink to="/campagnes/$id" params={{ id: d.campaignId }} size="sm">← La campagne</AnchorLink>
      <PageHeader title={`Dossier n° ${d.number}`} subtitle={d.applicantLabel} badge={<Badge variant="light" color={stateColors[d.state] ?? 'gray'}>{stateLabel(d.state)}</Badge>} />
      <Stack gap="lg">
        <Section title="État et décisions">
          <Facts
            items={[
              ['État', stateLabel(d.state)],
              ['Déposé le', parisWhen(d.submittedAt)],
              ['Décidé le', parisWhen(d.decidedAt)],
              ['Correction demandée', d.correction ? `${d.correction.comment} (${d.correction.byLabel}, ${parisWhen(d.correction.at)})` : 'Aucune'],
              ['Motivation', d.motivation],
            ]}
          />
          <DossierActions dossier={d} />
          <KindLink campaignId={d.campaignId} dossierId={d.id} />
        </Section>
        {editing && <DossierForm dossier={d} mode="answers" />}
        {d.access.instructor && <KindInstruction campaignId={d.campaignId} dossierId={d.id} />}
        {d.access.instructor && d.annotations !== null && <DossierForm dossier={d} mode="annotations" />}
        {d.permissions.decide && <DossierLetter dossier={d} />}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {editing ? null : <Answers dossier={d} />}
          <History dossier={d} />
        </SimpleGrid>
        <DossierOpinions dossier={d} />
        <DossierMessages dossier={d} />
      </Stack>
    </>
  );
}

interface Field {
  key: string;
  label: string;
  kind?: string;
}

/** The answers under the labels of the form version the file was filled on (later versions may differ). */
function Answers({ dossier }: { dossier: Dossier }) {
  const form = useForm(dossier.campaignId);
  const version = form.data?.versions.find((v) => v.id === dossier.formVersionId);
  const fields = ((version?.fields ?? []) as Field[]).filter((f) => f.kind !== 'section' && f.kind !== 'explanation');
  const rows: [string, string][] = fields.length ? fields.map((f) => [f.label, answerText(dossier.answers[f.key])]) : Object.entries(dossier.answers).map(([k, v]) => [k, answerText(v)]);
  return (
    <Section title="Réponses">
      {form.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text c="dimmed">Aucune réponse.</Text>
      ) : (
        <Stack component="dl" gap="xs" m={0}>
          {rows.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" c="dimmed" fw={500}>{label}</Text>
              <Text component="dd" m={0}>{value}</Text>
            </div>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function History({ dossier }: { dossier: Dossier }) {
  return (
    <Section title="Historique">
      <div className="table-scroll" role="region" aria-label="Historique du dossier" tabIndex={0}>
        <Table verticalSpacing="xs" miw={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Quand</Table.Th>
              <Table.Th scope="col">Qui</Table.Th>
              <Table.Th scope="col">Changement</Table.Th>
              <Table.Th scope="col">Motif</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dossier.history.map((e, i) => (
              <Table.Tr key={`${e.at}-${i}`}>
                <Table.Td>{parisWhen(e.at)}</Table.Td>
                <Table.Td>{e.actorLabel}</Table.Td>
                <Table.Td>
                  <Group gap={4}>{e.fromState || e.toState ? `${stateLabel(e.fromState)} → ${stateLabel(e.toState)}` : eventLabel(e.kind)}</Group>
                </Table.Td>
                <Table.Td>{e.reason ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Section>
  );
}

/** A renewal or project file has its own page: the request beside the fleet, the project and its loan. */
function KindLink({ campaignId, dossierId }: { campaignId: string; dossierId: string }) {
  const campaign = useCampaign(campaignId);
  if (campaign.data?.kind === 'renewal')
    return (
      <AnchorLink to="/campagnes/renouvellement/$id" params={{ id: dossierId }} mt="sm">
        Demande de renouvellement et parc de l’établissement
      </AnchorLink>
    );
  if (campaign.data?.kind === 'project')
    return (
      <AnchorLink to="/campagnes/projets/$id" params={{ id: dossierId }} mt="sm">
        Le projet pédagogique et son prêt
      </AnchorLink>
    );
  return null;
}

/** What a kind of call adds to the instruction of its files (family aid: the household, the aid, the social fund). */
function KindInstruction({ campaignId, dossierId }: { campaignId: string; dossierId: string }) {
  const campaign = useCampaign(campaignId);
  return campaign.data?.kind === 'family-aid' ? <AidInstruction dossierId={dossierId} /> : null;
}
