import { Badge, Button, Group, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { apiClient, call, errorMessage } from '../../../api/client';
import { useCan } from '../../../session/session';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { Section } from '../../../ui/Section';
import { useState } from 'react';
import { Disclosure } from '../../../ui/Disclosure';
import { AgreementForm } from './AgreementForm';
import { BodyForm, MemberForm, useRemoveMember } from './BodyForms';
import { NewMeetingForm } from './NewMeetingForm';
import { agreementKindLabels, bodyKindLabels, cadenceLabels, frenchDay, governanceKey, percent, useAgreements, useBodies, useOpenActions, type Body } from './queries';

export function GovernancePage() {
  return (
    <Guard permission="governance.read">
      <Governance />
    </Guard>
  );
}

function Governance() {
  const bodies = useBodies();
  const canManage = useCan('governance.manage');
  return (
    <>
      <PageHeader title="Gouvernance" subtitle="Instances, réunions, décisions et actions ; conventions et niveaux de service mesurés par le guichet." />
      <Stack gap="lg">
        {canManage && (
          <Disclosure summary="Nouvelle instance">
            <BodyForm />
          </Disclosure>
        )}
        {bodies.error ? (
          <QueryError error={bodies.error} retry={() => void bodies.refetch()} />
        ) : !bodies.data ? (
          <Loading />
        ) : bodies.data.length === 0 ? (
          <Text c="dimmed">Aucune instance n’est encore créée.</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {bodies.data.map((b) => (
              <BodyCard key={b.id} body={b} />
            ))}
          </SimpleGrid>
        )}
        <OpenActions />
        <Agreements />
      </Stack>
    </>
  );
}

function BodyCard({ body }: { body: Body }) {
  const canManage = useCan('governance.manage');
  return (
    <Section title={body.name} id={`instance-${body.id}`}>
      <Text size="sm" mb="xs">
        {bodyKindLabels[body.kind] ?? body.kind}, {cadenceLabels[body.cadence] ?? body.cadence} ; décisions {body.unanimity ? 'à l’unanimité' : 'à la majorité'}.
      </Text>
      {canManage && (
        <Disclosure summary="Modifier l’instance">
          <BodyForm body={body} />
        </Disclosure>
      )}
      <Text fw={600} size="sm">
        Membres
      </Text>
      <Members body={body} canManage={canManage} />
      <Text fw={600} size="sm">
        Réunions
      </Text>
      {body.meetings.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune réunion.
        </Text>
      ) : (
        <List size="sm">
          {body.meetings.map((m) => (
            <List.Item key={m.id}>
              <Link to="/pilotage/gouvernance/reunions/$meetingId" params={{ meetingId: m.id }}>
                Réunion du {frenchDay(m.heldOn)}
              </Link>{' '}
              — {m.place}
            </List.Item>
          ))}
        </List>
      )}
      {canManage && <NewMeetingForm body={body} />}
    </Section>
  );
}

function Members({ body, canManage }: { body: Body; canManage: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useRemoveMember(body);
  // the codebase's confirmations are the browser's own (no modal library)
  const confirmRemove = (m: Body['members'][number]) => {
    if (window.confirm(`Retirer ${m.name} de l’instance ${body.name} ?`)) remove.mutate(m);
  };
  return (
    <>
      <List size="sm" mb="sm">
        {body.members.map((m) => (
          <List.Item key={m.id}>
            {m.name}, {m.title} ({m.organizationName})
            {canManage && (
              <>
                {' '}
                <Button size="compact-xs" variant="subtle" onClick={() => setEditing(editing === m.id ? null : m.id)} aria-label={`Modifier ${m.name}`} aria-expanded={editing === m.id}>
                  Modifier
                </Button>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => confirmRemove(m)} loading={remove.isPending && remove.variables?.id === m.id} aria-label={`Retirer ${m.name}`}>
                  Retirer
                </Button>
              </>
            )}
            {editing === m.id && <MemberForm key={m.version} body={body} member={m} onDone={() => setEditing(null)} />}
          </List.Item>
        ))}
      </List>
      {canManage && (
        <Disclosure summary="Ajouter un membre">
          <MemberForm body={body} />
        </Disclosure>
      )}
    </>
  );
}

function OpenActions() {
  const actions = useOpenActions();
  const canManage = useCan('governance.manage');
  const client = useQueryClient();
  const done = useMutation({
    mutationFn: (id: string) => call(apiClient.POST('/api/governance/actions/{id}/done', { params: { path: { id } } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: governanceKey() });
      notifications.show({ color: 'teal', message: 'Action marquée comme faite.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Section title="Actions en cours" id="actions">
      {actions.error ? (
        <QueryError error={actions.error} retry={() => void actions.refetch()} />
      ) : !actions.data ? (
        <Loading />
      ) : actions.data.length === 0 ? (
        <Text c="dimmed">Aucune action en cours.</Text>
      ) : (
        <ScrollRegion label="Actions en cours">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Porteur</Table.Th>
                <Table.Th scope="col">Instance</Table.Th>
                <Table.Th scope="col">Échéance</Table.Th>
                {canManage && <Table.Th scope="col">Suivi</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actions.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row" fw={500}>
                    {a.title}
                  </Table.Th>
                  <Table.Td>{a.ownerName}</Table.Td>
                  <Table.Td>{a.bodyName}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      {frenchDay(a.dueOn)}
                      {a.overdue && (
                        <Badge variant="light" color="red">
                          En retard
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button size="xs" variant="light" loading={done.isPending && done.variables === a.id} onClick={() => done.mutate(a.id)} aria-label={`Marquer comme faite : ${a.title}`}>
                        Faite
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Section>
  );
}

function Agreements() {
  const agreements = useAgreements();
  const canManage = useCan('governance.manage');
  return (
    <Section title="Conventions et niveaux de service" id="conventions">
      {canManage && (
        <Disclosure summary="Nouvelle convention">
          <AgreementForm />
        </Disclosure>
      )}
      {agreements.error ? (
        <QueryError error={agreements.error} retry={() => void agreements.refetch()} />
      ) : !agreements.data ? (
        <Loading />
      ) : agreements.data.length === 0 ? (
        <Text c="dimmed">Aucune convention.</Text>
      ) : (
        <Stack>
          {agreements.data.map((a) => (
            <div key={a.id}>
              <Text fw={600}>
                {a.title} <Badge variant="light">{agreementKindLabels[a.kind] ?? a.kind}</Badge>
              </Text>
              <Text size="sm" c="dimmed">
                {a.partyA.name} ↔ {a.partyB?.name ?? a.establishment?.name ?? '—'} ; depuis le {frenchDay(a.validFrom)}
                {a.validTo ? ` jusqu’au ${frenchDay(a.validTo)}` : ''}
              </Text>
              <List size="sm">
                {a.commitments.map((c, i) => (
                  <List.Item key={i}>
                    {c.party === 'a' ? a.partyA.name : (a.partyB?.name ?? a.establishment?.name)} : {c.text}
                  </List.Item>
                ))}
              </List>
              {a.serviceLevels.map((l, i) => (
                <Text size="sm" key={i}>
                  Tickets résolus dans les délais (12 mois) : <strong>{percent(l.measured)}</strong> pour une cible de {percent(l.target)}{' '}
                  {l.met === null ? <Badge variant="light" color="gray">Sans donnée</Badge> : l.met ? <Badge variant="light" color="teal">Atteint</Badge> : <Badge variant="light" color="red">Non atteint</Badge>}
                </Text>
              ))}
              {canManage && (
                <Disclosure summary={`Modifier la convention ${a.title}`}>
                  <AgreementForm key={a.version} agreement={a} />
                </Disclosure>
              )}
            </div>
          ))}
        </Stack>
      )}
    </Section>
  );
}
