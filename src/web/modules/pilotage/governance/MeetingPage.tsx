import { Badge, Button, Checkbox, Group, List, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { decisionInput, followUpInput, updateMeetingInput, voteInput } from '../../../../modules/pilotage/governance/operations/meeting.input';
import { apiClient, call, errorMessage } from '../../../api/client';
import { downloadFile } from '../../../download';
import { useCan } from '../../../session/session';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { bodyKindLabels, choiceLabels, decisionStatusLabels, frenchDay, governanceKey, useMeeting, type Meeting } from './queries';

export function MeetingPage() {
  return (
    <Guard permission="governance.read">
      <MeetingView />
    </Guard>
  );
}

function MeetingView() {
  const { meetingId } = useParams({ from: '/app/pilotage/gouvernance/reunions/$meetingId' });
  const meeting = useMeeting(meetingId);
  if (meeting.error) return <QueryError error={meeting.error} retry={() => void meeting.refetch()} />;
  if (!meeting.data) return <Loading />;
  const m = meeting.data;
  return (
    <>
      <PageHeader
        title={`${m.body.name} — réunion du ${frenchDay(m.heldOn)}`}
        subtitle={`${bodyKindLabels[m.body.kind] ?? m.body.kind}, ${m.place} ; décisions ${m.body.unanimity ? 'à l’unanimité' : 'à la majorité des présents'}.`}
        actions={<Link to="/pilotage/gouvernance">Retour à la gouvernance</Link>}
      />
      <Stack gap="lg">
        <DataPacks meeting={m} />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Section title="Ordre du jour" id="ordre-du-jour">
            <List type="ordered">
              {m.agenda.map((item, i) => (
                <List.Item key={i}>{item}</List.Item>
              ))}
            </List>
            <AgendaForm key={m.version} meeting={m} />
          </Section>
          <Attendance key={m.version} meeting={m} />
        </SimpleGrid>
        <Decisions meeting={m} />
        <Actions meeting={m} />
      </Stack>
    </>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: governanceKey() });
}

function DataPacks({ meeting }: { meeting: Meeting }) {
  const canManage = useCan('governance.manage');
  const refresh = useRefresh();
  const issue = useMutation({
    mutationFn: () => call(apiClient.POST('/api/governance/meetings/{id}/data-packs', { params: { path: { id: meeting.id } } })),
    onSuccess: async (pack) => {
      await refresh();
      notifications.show({ color: 'teal', message: `Dossier de séance émis (version ${pack.version}).` });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const download = (version: number) =>
    downloadFile(`/governance/meetings/${encodeURIComponent(meeting.id)}/data-packs/${version}`, {}, `dossier-v${version}.pdf`).catch((error) =>
      notifications.show({ color: 'red', message: errorMessage(error) }),
    );
  return (
    <Section
      title="Dossier de séance"
      id="dossier"
      actions={
        canManage && (
          <Button onClick={() => issue.mutate()} loading={issue.isPending}>
            Émettre un nouveau dossier
          </Button>
        )
      }
    >
      <Text size="sm" mb="sm">
        Le dossier est calculé à partir des chiffres du moment (niveaux de service du guichet, parc, conventions, actions) puis conservé tel qu’émis : chaque émission est une nouvelle version.
      </Text>
      {meeting.dataPacks.length === 0 ? (
        <Text c="dimmed">Aucun dossier émis pour cette réunion.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Émis le</Table.Th>
              <Table.Th scope="col">Par</Table.Th>
              <Table.Th scope="col">Fichier</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meeting.dataPacks.map((p) => (
              <Table.Tr key={p.version}>
                <Table.Th scope="row">{p.version}</Table.Th>
                <Table.Td>{new Date(p.issuedAt).toLocaleString('fr-FR')}</Table.Td>
                <Table.Td>{p.issuedBy}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => void download(p.version)}>
                    Télécharger la version {p.version} (PDF)
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

/** One agenda point per line, blank lines dropped; every point's message goes on the one text area. */
const agendaOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const agendaField = (path: string) => (path.startsWith('agenda') ? 'agenda' : path);

function AgendaForm({ meeting }: { meeting: Meeting }) {
  const canManage = useCan('governance.manage');
  const refresh = useRefresh();
  const toBody = (v: { agenda: string }) => ({ version: meeting.version, agenda: agendaOf(v.agenda) });
  const form = useForm({ initialValues: { agenda: meeting.agenda.join('\n') }, validate: schemaValidator(updateMeetingInput, toBody, agendaField) });
  const save = useMutation({
    mutationFn: (v: { agenda: string }) => call(apiClient.PATCH('/api/governance/meetings/{id}', { params: { path: { id: meeting.id } }, body: toBody(v) })),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: 'Ordre du jour enregistré.' });
    },
    onError: (error) => showServerIssues(form, error, agendaField) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  if (!canManage) return null;
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label="Modifier l’ordre du jour">
      <Textarea label="Ordre du jour (un point par ligne)" mt="sm" autosize minRows={2} {...form.getInputProps('agenda')} />
      <Button mt="sm" type="submit" loading={save.isPending}>
        Enregistrer l’ordre du jour
      </Button>
    </form>
  );
}

interface AttendanceValues {
  present: string[];
  minutes: string;
}

function Attendance({ meeting }: { meeting: Meeting }) {
  const canManage = useCan('governance.manage');
  const refresh = useRefresh();
  const toBody = (v: AttendanceValues) => ({ version: meeting.version, attendance: v.present, minutes: v.minutes });
  const form = useForm<AttendanceValues>({
    initialValues: { present: meeting.members.filter((m) => m.present).map((m) => m.id), minutes: meeting.minutes },
    validate: schemaValidator(updateMeetingInput, toBody, { attendance: 'present' }),
  });
  const save = useMutation({
    mutationFn: (v: AttendanceValues) => call(apiClient.PATCH('/api/governance/meetings/{id}', { params: { path: { id: meeting.id } }, body: toBody(v) })),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: 'Présences et compte rendu enregistrés.' });
    },
    onError: (error) => showServerIssues(form, error, { attendance: 'present' }) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Section title="Présences et compte rendu" id="presences">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label="Présences et compte rendu">
        <Checkbox.Group label="Membres présents" {...form.getInputProps('present')}>
          <Stack gap={4} mt="xs">
            {meeting.members.map((m) => (
              <Checkbox key={m.id} value={m.id} label={`${m.name}, ${m.title} (${m.organizationName})`} disabled={!canManage} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea label="Compte rendu" mt="sm" autosize minRows={3} readOnly={!canManage} {...form.getInputProps('minutes')} />
        {canManage && (
          <Button mt="sm" type="submit" loading={save.isPending}>
            Enregistrer
          </Button>
        )}
      </form>
    </Section>
  );
}

function Decisions({ meeting }: { meeting: Meeting }) {
  const canManage = useCan('governance.manage');
  const refresh = useRefresh();
  const form = useForm({ initialValues: { title: '' }, validate: schemaValidator(decisionInput, (v: { title: string }) => v) });
  const add = useMutation({
    mutationFn: (values: { title: string }) => call(apiClient.POST('/api/governance/meetings/{id}/decisions', { params: { path: { id: meeting.id } }, body: values })),
    onSuccess: async () => {
      form.reset();
      await refresh();
    },
    onError: (error) => showServerIssues(form, error) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Section title="Décisions et votes" id="decisions">
      <Stack>
        {meeting.decisions.length === 0 && <Text c="dimmed">Aucune décision soumise au vote.</Text>}
        {meeting.decisions.map((d) => (
          <div key={d.id}>
            <Group gap="xs">
              <Text fw={600}>{d.title}</Text>
              <Badge variant="light" color={d.status === 'adopted' ? 'teal' : d.status === 'rejected' ? 'red' : 'blue'}>{decisionStatusLabels[d.status] ?? d.status}</Badge>
            </Group>
            <Text size="sm">
              Pour {d.tally.for}, contre {d.tally.against}, abstention {d.tally.abstain}
              {d.votes.length > 0 && ` — ${d.votes.map((v) => `${v.memberName} : ${choiceLabels[v.choice] ?? v.choice}`).join(' ; ')}`}
            </Text>
            {canManage && d.status === 'open' && <VoteForm decisionId={d.id} meeting={meeting} />}
          </div>
        ))}
        {canManage && (
          <form onSubmit={form.onSubmit((v) => add.mutate(v))} noValidate aria-label="Nouvelle décision">
            <Group align="flex-end">
              <TextInput label="Nouvelle décision soumise au vote" style={{ flex: 1 }} {...form.getInputProps('title')} />
              <Button type="submit" loading={add.isPending}>
                Soumettre au vote
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}

function VoteForm({ decisionId, meeting }: { decisionId: string; meeting: Meeting }) {
  const refresh = useRefresh();
  const form = useForm({ initialValues: { memberId: '', choice: 'for' }, validate: schemaValidator(voteInput, (v: { memberId: string; choice: string }) => v) });
  const vote = useMutation({
    mutationFn: (values: { memberId: string; choice: string }) =>
      call(apiClient.POST('/api/governance/decisions/{id}/votes', { params: { path: { id: decisionId } }, body: values as { memberId: string; choice: 'for' | 'against' | 'abstain' } })),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: 'Vote enregistré.' });
    },
    onError: (error) => showServerIssues(form, error) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const close = useMutation({
    mutationFn: () => call(apiClient.POST('/api/governance/decisions/{id}/close', { params: { path: { id: decisionId } } })),
    onSuccess: async (d) => {
      await refresh();
      notifications.show({ color: 'teal', message: d.status === 'adopted' ? 'Décision adoptée.' : 'Décision rejetée.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <form onSubmit={form.onSubmit((v) => vote.mutate(v))} noValidate aria-label="Enregistrer un vote">
      <Group align="flex-end" mt={4}>
        <Select label="Membre" data={meeting.members.map((m) => ({ value: m.id, label: m.name }))} {...form.getInputProps('memberId')} w={240} />
        <Select label="Vote" data={Object.entries(choiceLabels).map(([value, label]) => ({ value, label }))} {...form.getInputProps('choice')} allowDeselect={false} w={160} />
        <Button type="submit" variant="light" loading={vote.isPending}>
          Enregistrer le vote
        </Button>
        <Button variant="default" onClick={() => close.mutate()} loading={close.isPending}>
          Clore le vote
        </Button>
      </Group>
    </form>
  );
}

function Actions({ meeting }: { meeting: Meeting }) {
  const canManage = useCan('governance.manage');
  const refresh = useRefresh();
  const form = useForm({ initialValues: { title: '', ownerMemberId: '', dueOn: '' }, validate: schemaValidator(followUpInput, (v: { title: string; ownerMemberId: string; dueOn: string }) => v) });
  const add = useMutation({
    mutationFn: (values: { title: string; ownerMemberId: string; dueOn: string }) => call(apiClient.POST('/api/governance/meetings/{id}/actions', { params: { path: { id: meeting.id } }, body: values })),
    onSuccess: async () => {
      form.reset();
      await refresh();
    },
    onError: (error) => showServerIssues(form, error) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Section title="Actions décidées" id="actions-reunion">
      {meeting.actions.length === 0 ? (
        <Text c="dimmed">Aucune action.</Text>
      ) : (
        <List>
          {meeting.actions.map((a) => (
            <List.Item key={a.id}>
              {a.title} — {a.ownerName}, échéance {frenchDay(a.dueOn)}{' '}
              {a.doneOn ? <Badge variant="light" color="teal">Faite</Badge> : a.overdue ? <Badge variant="light" color="red">En retard</Badge> : <Badge variant="light" color="blue">En cours</Badge>}
            </List.Item>
          ))}
        </List>
      )}
      {canManage && (
        <form onSubmit={form.onSubmit((v) => add.mutate(v))} noValidate aria-label="Nouvelle action">
          <Group align="flex-end" mt="sm">
            <TextInput label="Nouvelle action" style={{ flex: 1 }} {...form.getInputProps('title')} />
            <Select label="Porteur" data={meeting.members.map((m) => ({ value: m.id, label: m.name }))} {...form.getInputProps('ownerMemberId')} w={220} />
            <TextInput label="Échéance" type="date" {...form.getInputProps('dueOn')} />
            <Button type="submit" loading={add.isPending}>
              Ajouter
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}
