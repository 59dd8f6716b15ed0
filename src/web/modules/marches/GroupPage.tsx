import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { decisionKindLabels, decisionKinds, decisionStatusLabels, voteLabels, type DecisionKind } from '../../../shared/marches';
import { errorMessage } from '../../api/client';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { frenchDay } from './format';
import { useGroup, usePropose, useVote } from './queries';

const routeApi = getRouteApi('/app/marches/groupements/$id');

export function GroupPage() {
  return (
    <Guard permission="group.read">
      <PurchasingGroup />
    </Guard>
  );
}

function PurchasingGroup() {
  const { id } = routeApi.useParams();
  const query = useGroup(id);
  const vote = useVote(id);
  const propose = usePropose(id);
  const [kind, setKind] = useState<DecisionKind>('adopt-tender-file');
  const [title, setTitle] = useState('');
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} />;
  const g = query.data;
  const onVote = (decisionId: string, version: number, v: 'approve' | 'reject') =>
    vote.mutate({ decisionId, version, vote: v, organizationId: g.votesFor[0]?.organizationId }, {
      onSuccess: () => notifications.show({ color: 'teal', message: `Vote enregistré : ${voteLabels[v]}` }),
      onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
    });
  return (
    <>
      <PageHeader title={g.name} subtitle={`Coordonnateur : ${g.coordinatorName} · ${g.conventionTitle}${g.conventionSignedOn ? `, signée le ${frenchDay(g.conventionSignedOn)}` : ''}`} />
      <Stack gap="lg">
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">Membres et chefs de projet</Title>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>Membre</Table.Th><Table.Th>Chef de projet</Table.Th><Table.Th>Admis le</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {g.members.map((m) => (
                <Table.Tr key={m.organizationId}>
                  <Table.Td>{m.name} {m.coordinator && <Badge variant="light">coordonnateur</Badge>}</Table.Td>
                  <Table.Td>{m.projectLeadName}{m.projectLeadEmail ? ` (${m.projectLeadEmail})` : ''}</Table.Td>
                  <Table.Td>{frenchDay(m.admittedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        {g.can.vote && (
          <Card withBorder component="form" onSubmit={(e) => { e.preventDefault(); propose.mutate({ kind, title, details: '' }, { onSuccess: () => setTitle(''), onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }) }); }}>
            <Title order={2} size="h4" mb="xs">Proposer une décision</Title>
            <Group align="flex-end">
              <Select label="Nature" data={decisionKinds.filter((k) => k !== 'admit-member').map((k) => ({ value: k, label: decisionKindLabels[k] }))} value={kind} onChange={(v) => v && setKind(v as DecisionKind)} allowDeselect={false} />
              <TextInput label="Intitulé" value={title} onChange={(e) => setTitle(e.currentTarget.value)} required minLength={3} style={{ flex: 1 }} />
              <Button type="submit" loading={propose.isPending}>Proposer au vote</Button>
            </Group>
          </Card>
        )}
        <Title order={2} size="h3">Décisions (unanimité des membres)</Title>
        {g.decisions.length === 0 && <Text c="dimmed">Aucune décision.</Text>}
        {g.decisions.map((d) => {
          const mine = g.votesFor.length > 0 && d.votes.some((v) => v.organizationId === g.votesFor[0].organizationId);
          return (
            <Card withBorder key={d.id} aria-label={`Décision ${d.title}`}>
              <Group justify="space-between">
                <div>
                  <Text fw={600}>{d.title}</Text>
                  <Text size="sm" c="dimmed">{decisionKindLabels[d.kind as DecisionKind]} · proposée le {frenchDay(d.proposedAt)}</Text>
                </div>
                <Badge color={d.status === 'adopted' ? 'teal.8' : d.status === 'rejected' ? 'red.8' : 'gray.7'}>{decisionStatusLabels[d.status as keyof typeof decisionStatusLabels]}</Badge>
              </Group>
              <Text size="sm" mt="xs">
                Votes : {d.votes.length} sur {g.members.length}
                {d.votes.length > 0 && ` (${d.votes.map((v) => `${v.organizationName} : ${voteLabels[v.vote as 'approve' | 'reject']} le ${frenchDay(v.votedAt)}`).join(' ; ')})`}
              </Text>
              {g.can.vote && d.status === 'proposed' && !mine && (
                <Group mt="sm">
                  <Button size="xs" color="teal.8" onClick={() => onVote(d.id, d.version, 'approve')} loading={vote.isPending}>Voter pour</Button>
                  <Button size="xs" color="red.8" variant="outline" onClick={() => onVote(d.id, d.version, 'reject')} loading={vote.isPending}>Voter contre</Button>
                </Group>
              )}
            </Card>
          );
        })}
      </Stack>
    </>
  );
}
