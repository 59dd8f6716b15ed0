import { Badge, Button, Group, List, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/client';
import { downloadFile } from '../../../download';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { stateLabel } from '../labels';
import { useCloseSession, useDecideInSession, useRanking, useSaveMinutes, useSession } from './queries';

const routeApi = getRouteApi('/app/campagnes/seances/$id');
type Session = NonNullable<ReturnType<typeof useSession>['data']>;
const decisionLabels = { accepte: 'Accepté', refuse: 'Refusé', classe_sans_suite: 'Classé sans suite' } as const;
type Decision = keyof typeof decisionLabels;

/** A committee session: who sits, the joint decision per file, the minutes; read-only once closed. */
export function CommitteeSessionPage() {
  return (
    <Guard permission="dossier.read">
      <SessionView />
    </Guard>
  );
}

function SessionView() {
  const { id } = routeApi.useParams();
  const session = useSession(id);
  if (session.isPending) return <Loading />;
  if (session.isError) return <QueryError error={session.error} retry={() => void session.refetch()} />;
  const s = session.data;
  const open = s.status === 'open';
  return (
    <>
      <AnchorLink to="/campagnes/$id/classement" params={{ id: s.campaignId }} size="sm">← Le classement</AnchorLink>
      <PageHeader title={s.title} subtitle={`Séance du ${s.heldOn.split('-').reverse().join('/')}`} badge={<Badge variant="light" color={open ? 'teal' : 'gray'}>{open ? 'En cours' : 'Close'}</Badge>} />
      <Stack gap="lg">
        <Section title="Participants">
          <List>{s.participants.map((p, i) => <List.Item key={i}>{p.name} ({p.organizationName})</List.Item>)}</List>
        </Section>
        <Section title="Décisions conjointes">
          <div className="table-scroll" role="region" aria-labelledby="decisions-legende" tabIndex={0}>
            <Table striped captionSide="top" miw={600}>
              <Table.Caption id="decisions-legende" style={{ textAlign: 'left' }}>{s.decisions.length} décision(s) de la séance</Table.Caption>
              <Table.Thead>
                <Table.Tr><Table.Th>Dossier</Table.Th><Table.Th>Note</Table.Th><Table.Th>Décision</Table.Th><Table.Th>Motif</Table.Th><Table.Th>Saisie par</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.decisions.map((d) => (
                  <Table.Tr key={d.dossierId}>
                    <Table.Td><AnchorLink to="/campagnes/dossiers/$id" params={{ id: d.dossierId }}>n° {d.number} — {d.applicantLabel}</AnchorLink></Table.Td>
                    <Table.Td>{d.score === null ? '—' : d.score.toLocaleString('fr-FR')}</Table.Td>
                    <Table.Td>{decisionLabels[d.decision as Decision] ?? d.decision}</Table.Td>
                    <Table.Td>{d.comment}</Table.Td>
                    <Table.Td>{d.decidedByLabel}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {open && <DecisionForm session={s} />}
        </Section>
        <Minutes session={s} />
      </Stack>
    </>
  );
}

/** The next decision: a file in review, taken from the ranking (best first). */
function DecisionForm({ session }: { session: Session }) {
  const ranking = useRanking(session.campaignId, { page: 1, pageSize: 200 });
  const decide = useDecideInSession(session.id);
  const [dossierId, setDossierId] = useState<string | null>(null);
  const [decision, setDecision] = useState<Decision>('accepte');
  const [motivation, setMotivation] = useState('');
  const candidates = (ranking.data?.items ?? []).filter((f) => f.state === 'en_instruction');
  const submit = () => {
    const file = candidates.find((f) => f.id === dossierId);
    if (!file) return;
    decide.mutate(
      { dossierId: file.id, decision, motivation, version: file.version },
      {
        onSuccess: () => { notifications.show({ color: 'teal', message: `Décision enregistrée pour le dossier n° ${file.number} ; sa lettre est jointe au dossier.` }); setDossierId(null); setMotivation(''); },
        onError: (e) => notifications.show({ color: 'red', title: 'Décision refusée', message: errorMessage(e) }),
      },
    );
  };
  return (
    <Stack gap="xs" mt="md" maw={560} role="group" aria-label="Enregistrer une décision">
      <Select label="Dossier en instruction" placeholder={candidates.length ? 'Choisir' : 'Aucun dossier en instruction'} searchable data={candidates.map((f) => ({ value: f.id, label: `${f.rank}. n° ${f.number} — ${f.establishmentName ?? f.applicantLabel} (${f.score ?? 'non noté'}) — ${stateLabel(f.state)}` }))} value={dossierId} onChange={setDossierId} />
      <Select label="Décision du comité" data={Object.entries(decisionLabels).map(([value, label]) => ({ value, label }))} value={decision} onChange={(v) => v && setDecision(v as Decision)} allowDeselect={false} />
      <Textarea label="Motif" value={motivation} onChange={(e) => setMotivation(e.currentTarget.value)} autosize minRows={2} />
      <Group><Button onClick={submit} disabled={!dossierId} loading={decide.isPending}>Enregistrer la décision</Button></Group>
    </Stack>
  );
}

function Minutes({ session }: { session: Session }) {
  const save = useSaveMinutes(session.id);
  const close = useCloseSession(session.id);
  const [text, setText] = useState(session.minutes);
  useEffect(() => setText(session.minutes), [session.minutes]);
  const open = session.status === 'open';
  const fail = (title: string) => (e: unknown) => notifications.show({ color: 'red', title, message: errorMessage(e) });
  const pdf = async () => {
    try {
      await downloadFile(`/committee-sessions/${session.id}/minutes.pdf`, {}, `proces-verbal-${session.heldOn}.pdf`);
    } catch (e) {
      fail('Téléchargement impossible')(e);
    }
  };
  return (
    <Section title="Procès-verbal">
      <Stack gap="xs">
        <Textarea label="Relevé des débats" value={text} onChange={(e) => setText(e.currentTarget.value)} readOnly={!open} autosize minRows={4} />
        {!open && <Text size="sm" c="dimmed">Séance close par {session.closedByLabel} : le procès-verbal ne change plus.</Text>}
        <Group>
          {open && <Button variant="light" loading={save.isPending} onClick={() => save.mutate({ minutes: text, version: session.version }, { onSuccess: () => notifications.show({ color: 'teal', message: 'Procès-verbal enregistré.' }), onError: fail('Enregistrement refusé') })}>Enregistrer le procès-verbal</Button>}
          {open && <Button color="red" variant="light" loading={close.isPending} onClick={() => close.mutate({ version: session.version }, { onSuccess: () => notifications.show({ color: 'teal', message: 'Séance close.' }), onError: fail('Clôture refusée') })}>Clore la séance</Button>}
          <Button variant="default" onClick={() => void pdf()}>Télécharger le procès-verbal (PDF)</Button>
        </Group>
      </Stack>
    </Section>
  );
}
