import { Badge, Button, Checkbox, Group, List, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { z } from 'zod';
import { errorMessage } from '../../../api/client';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { TablePagination } from '../../../ui/TablePagination';
import { stateColors, stateLabel } from '../labels';
import { useCampaign } from '../queries';
import { useBalance, useCreateSession, useRanking, useSessions } from './queries';

const routeApi = getRouteApi('/app/campagnes/$id/classement');

/** The ranking of a candidature call, the balance of the files ticked, and the committee's sessions. */
export function RankingPage() {
  return (
    <Guard permission="dossier.read">
      <Ranking />
    </Guard>
  );
}

function Ranking() {
  const { id } = routeApi.useParams();
  const campaign = useCampaign(id);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [selected, setSelected] = useState<string[]>([]);
  const ranking = useRanking(id, { page, pageSize });
  if (ranking.isPending || campaign.isPending) return <Loading />;
  if (ranking.isError) return <QueryError error={ranking.error} retry={() => void ranking.refetch()} />;
  if (campaign.isError) return <QueryError error={campaign.error} retry={() => void campaign.refetch()} />;
  const toggle = (fileId: string) => setSelected((s) => (s.includes(fileId) ? s.filter((x) => x !== fileId) : [...s, fileId]));
  return (
    <>
      <AnchorLink to="/campagnes/$id" params={{ id }} size="sm">← La campagne</AnchorLink>
      <PageHeader title={`Classement — ${campaign.data.title}`} subtitle="Les dossiers par note décroissante (grille pondérée : critères calculés depuis le référentiel et médiane des avis)." />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
          <div style={{ gridColumn: 'span 2' }}>
            <Section title="Dossiers classés">
              <Group justify="space-between" mb="sm">
                <Text size="sm">{selected.length} dossier(s) retenu(s) dans la sélection</Text>
                <ExportButtons path={`/campaigns/${id}/ranking/export`} filters={{}} basename={`classement-${campaign.data.code}`} />
              </Group>
              <div className="table-scroll" role="region" aria-labelledby="classement-legende" tabIndex={0}>
                <Table striped verticalSpacing="xs" miw={760} captionSide="top" aria-busy={ranking.isFetching}>
                  <Table.Caption id="classement-legende" style={{ textAlign: 'left' }}>Classement des candidatures</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Sélection</Table.Th>
                      <Table.Th>Rang</Table.Th>
                      <Table.Th>Établissement</Table.Th>
                      <Table.Th>Académie</Table.Th>
                      <Table.Th>Secteur</Table.Th>
                      <Table.Th>Territoire</Table.Th>
                      <Table.Th>Enseignement</Table.Th>
                      <Table.Th>Note /100</Table.Th>
                      <Table.Th>État</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {ranking.data.items.map((f) => (
                      <Table.Tr key={f.id}>
                        <Table.Td>
                          <Checkbox aria-label={`Sélectionner le dossier n° ${f.number}`} checked={selected.includes(f.id)} onChange={() => toggle(f.id)} />
                        </Table.Td>
                        <Table.Td>{f.rank}</Table.Td>
                        <Table.Td>
                          <AnchorLink to="/campagnes/dossiers/$id" params={{ id: f.id }}>{f.establishmentName ?? f.applicantLabel}</AnchorLink>
                          {f.uai && <Text size="xs" c="dimmed">{f.uai} · n° {f.number}</Text>}
                        </Table.Td>
                        <Table.Td>{f.academy ?? '—'}</Table.Td>
                        <Table.Td>{f.sector}</Table.Td>
                        <Table.Td>{f.territory}</Table.Td>
                        <Table.Td>{f.teaching}</Table.Td>
                        <Table.Td>{f.score === null ? 'non notée' : f.score.toLocaleString('fr-FR')}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={stateColors[f.state] ?? 'gray'}>{stateLabel(f.state)}</Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
              <TablePagination page={page} pageSize={pageSize} total={ranking.data.total} noun="dossiers" onPage={setPage} onPageSize={(s) => { setPageSize(s); setPage(1); }} />
            </Section>
          </div>
          <Balance campaignId={id} selected={selected} />
        </SimpleGrid>
        <Sessions campaignId={id} />
      </Stack>
    </>
  );
}

/** The balance of the selection, recomputed by the server at each tick. */
function Balance({ campaignId, selected }: { campaignId: string; selected: string[] }) {
  const balance = useBalance(campaignId, selected);
  const b = balance.data;
  const block = (title: string, rows: { label: string; count: number }[] | undefined) => (
    <div>
      <Text fw={600} size="sm">{title}</Text>
      {rows?.length ? (
        <List size="sm">{rows.map((r) => <List.Item key={r.label}>{r.label} : {r.count}</List.Item>)}</List>
      ) : (
        <Text size="sm" c="dimmed">—</Text>
      )}
    </div>
  );
  return (
    <Section title="Équilibre de la sélection">
      <div aria-live="polite" aria-busy={balance.isFetching}>
        {balance.isError ? (
          <QueryError error={balance.error} retry={() => void balance.refetch()} />
        ) : (
          <Stack gap="xs">
            <Text size="sm">{b?.count ?? 0} dossier(s){b?.averageScore != null ? `, note moyenne ${b.averageScore.toLocaleString('fr-FR')}` : ''}</Text>
            {block('Public / privé', b?.sector)}
            {block('Académie', b?.academy)}
            {block('Territoire', b?.territory)}
            {block('Type d’enseignement', b?.teaching)}
          </Stack>
        )}
      </div>
    </Section>
  );
}

const sessionSchema = z.object({
  title: z.string().trim().min(3, 'Un intitulé de 3 caractères au moins.'),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue (AAAA-MM-JJ).'),
  names: z.record(z.string(), z.string()),
});

/** The committee's sessions and a form to open one, a participant per organization that sits. */
function Sessions({ campaignId }: { campaignId: string }) {
  const sessions = useSessions(campaignId);
  const create = useCreateSession(campaignId);
  const form = useForm({ mode: 'controlled', initialValues: { title: '', heldOn: '', names: {} as Record<string, string> }, validate: zod4Resolver(sessionSchema) });
  if (sessions.isPending) return <Loading />;
  if (sessions.isError) return <QueryError error={sessions.error} retry={() => void sessions.refetch()} />;
  const submit = form.onSubmit((v) => {
    const participants = sessions.data.organizations.filter((o) => v.names[o.id]?.trim()).map((o) => ({ organizationId: o.id, name: v.names[o.id]!.trim() }));
    create.mutate(
      { title: v.title, heldOn: v.heldOn, participants },
      { onSuccess: () => { notifications.show({ color: 'teal', message: 'Séance ouverte.' }); form.reset(); }, onError: (e) => notifications.show({ color: 'red', title: 'Séance refusée', message: errorMessage(e) }) },
    );
  });
  return (
    <Section title="Comité de sélection">
      <List mb="md">
        {sessions.data.items.map((s) => (
          <List.Item key={s.id}>
            <AnchorLink to="/campagnes/seances/$id" params={{ id: s.id }}>{s.title}</AnchorLink> — {s.heldOn.split('-').reverse().join('/')} ({s.status === 'closed' ? 'close' : 'en cours'})
          </List.Item>
        ))}
        {sessions.data.items.length === 0 && <Text size="sm" c="dimmed">Aucune séance.</Text>}
      </List>
      <form onSubmit={submit} aria-label="Ouvrir une séance">
        <Stack gap="xs" maw={560}>
          <TextInput label="Intitulé de la séance" required {...form.getInputProps('title')} />
          <TextInput label="Date de la séance" type="date" required {...form.getInputProps('heldOn')} />
          {sessions.data.organizations.map((o) => (
            <TextInput key={o.id} label={`Participant pour ${o.name}`} {...form.getInputProps(`names.${o.id}`)} />
          ))}
          <Group>
            <Button type="submit" loading={create.isPending}>Ouvrir la séance</Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
