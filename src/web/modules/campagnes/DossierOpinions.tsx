import { Alert, Badge, Button, Checkbox, Group, NumberInput, Paper, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { apiClient, call, errorMessage } from '../../api/client';
import { useCan, useMe } from '../../session/session';
import { Section } from '../../ui/Section';
import type { Dossier } from './DossierPage';
import { parisWhen } from './labels';
import { campagnesKey, useCampaign } from './queries';

const statusLabels: Record<string, [string, string]> = { requested: ['Demandé', 'yellow'], given: ['Rendu', 'teal'], conflict: ['Conflit d’intérêts', 'gray'] };

/**
 * The experts' opinions on a file: what the instructors read (confidential ones included), and the
 * expert's own form (favourable or not, a score per criterion of the grid, a comment, confidential
 * or not), or the conflict of interest that takes them off the file.
 */
export function DossierOpinions({ dossier }: { dossier: Dossier }) {
  const me = useMe();
  const can = useCan('dossier.instruct');
  const mine = dossier.opinions.find((o) => o.expertUserId === me.user.id && o.status !== 'conflict');
  const others = dossier.opinions.filter((o) => o !== mine);
  const asks = dossier.access.instructor && can;
  if (!mine && others.length === 0 && !asks) return null;
  return (
    <Section title="Avis d’experts">
      <Stack gap="sm">
        {others.length === 0 && !mine ? <Text c="dimmed">Aucun avis demandé.</Text> : null}
        {mine && dossier.access.expert ? <MyOpinion dossier={dossier} opinion={mine} /> : null}
        {others.map((o) => {
          const [label, color] = statusLabels[o.status] ?? [o.status, 'gray'];
          return (
            <Paper key={o.id} withBorder p="sm" radius="sm">
              <Group gap="xs">
                <Text fw={600}>{o.expertLabel}</Text>
                <Badge variant="light" color={color}>{label}</Badge>
                {o.verdict ? <Badge variant="outline" color={o.verdict === 'favourable' ? 'teal' : 'red'}>{o.verdict === 'favourable' ? 'Favorable' : 'Défavorable'}</Badge> : null}
                {o.confidential ? <Badge variant="outline" color="grape">Confidentiel</Badge> : null}
              </Group>
              {o.question ? <Text size="sm" c="dimmed">Question : {o.question}</Text> : null}
              {Object.keys(o.scores).length ? <Text size="sm">Notes : {Object.entries(o.scores).map(([k, v]) => `${k} ${v}`).join(' · ')}</Text> : null}
              {o.comment ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{o.comment}</Text> : null}
              {o.answeredAt ? <Text size="xs" c="dimmed">Le {parisWhen(o.answeredAt)}</Text> : null}
            </Paper>
          );
        })}
        {asks ? <RequestOpinion dossier={dossier} /> : null}
      </Stack>
    </Section>
  );
}

/** An instructor asks someone with an account (found by name or address) for an opinion, with a question. */
function RequestOpinion({ dossier }: { dossier: Dossier }) {
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [expert, setExpert] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const found = useQuery({
    queryKey: campagnesKey('experts', dossier.campaignId, debounced),
    enabled: debounced.length >= 2,
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/expert-candidates', { params: { path: { campaign: dossier.campaignId }, query: { search: debounced } }, signal })),
  });
  const ask = useMutation({
    mutationFn: () => call(apiClient.POST('/api/dossiers/{id}/opinion-requests', { params: { path: { id: dossier.id } }, body: { expertUserIds: [expert!], question } })),
    onSuccess: (saved) => {
      client.setQueryData(campagnesKey('dossier', dossier.id), saved);
      notifications.show({ color: 'teal', message: 'Avis demandé : l’expert en est averti.' });
      setExpert(null);
      setQuestion('');
    },
  });
  return (
    <Stack gap="xs" role="group" aria-label="Demander un avis">
      <Group align="flex-end">
        <Select
          label="Demander l’avis de"
          placeholder="Nom ou adresse"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={(found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
          value={expert}
          onChange={setExpert}
          nothingFoundMessage={debounced.length >= 2 ? 'Personne ne correspond.' : 'Tapez au moins 2 lettres.'}
          w={360}
        />
        <Textarea label="Question" autosize minRows={1} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} w={360} />
        <Button variant="light" disabled={!expert} loading={ask.isPending} onClick={() => ask.mutate()}>
          Demander l’avis
        </Button>
      </Group>
      {ask.error ? <Alert color="red" role="alert">{errorMessage(ask.error)}</Alert> : null}
    </Stack>
  );
}

type Opinion = Dossier['opinions'][number];

function MyOpinion({ dossier, opinion }: { dossier: Dossier; opinion: Opinion }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const campaign = useCampaign(dossier.campaignId);
  const criteria = (campaign.data?.grid ?? []).filter((c) => c.source === 'reviewer');
  const [verdict, setVerdict] = useState<string>(opinion.verdict ?? '');
  const [scores, setScores] = useState<Record<string, number | ''>>(opinion.scores);
  const [comment, setComment] = useState(opinion.comment ?? '');
  const [confidential, setConfidential] = useState(opinion.confidential);
  const give = useMutation({
    mutationFn: (body: Record<string, unknown>) => call(apiClient.PUT('/api/dossiers/{id}/my-opinion', { params: { path: { id: dossier.id } }, body: body as never })),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', message: r.status === 'conflict' ? 'Conflit d’intérêts déclaré : le dossier vous est retiré.' : 'Avis rendu.' });
      // declared in conflict, the expert no longer sees the file
      if (r.status === 'conflict') return void navigate({ to: '/campagnes' });
      void client.invalidateQueries({ queryKey: campagnesKey('dossier', dossier.id) });
    },
  });
  const send = () =>
    give.mutate({
      conflict: false,
      verdict: verdict || undefined,
      scores: Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== '')),
      comment,
      confidential,
      version: opinion.version,
    });
  return (
    <Stack gap="sm" role="group" aria-label="Mon avis">
      {opinion.question ? <Text size="sm">Question de l’instruction : {opinion.question}</Text> : null}
      <Radio.Group label="Mon avis" withAsterisk value={verdict} onChange={setVerdict}>
        <Group mt={4}>
          <Radio value="favourable" label="Favorable" />
          <Radio value="unfavourable" label="Défavorable" />
        </Group>
      </Radio.Group>
      {criteria.map((c) => (
        <NumberInput key={c.key} label={`${c.label} (sur ${c.max})`} min={0} max={c.max} value={scores[c.key] ?? ''} onChange={(v) => setScores((s) => ({ ...s, [c.key]: v === '' ? '' : Number(v) }))} w={260} />
      ))}
      <Textarea label="Commentaire" autosize minRows={3} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
      <Checkbox label="Confidentiel : lu par les instructeurs seulement" checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} />
      {give.error ? <Alert color="red" role="alert">{errorMessage(give.error)}</Alert> : null}
      <Group>
        <Button onClick={send} loading={give.isPending && !give.variables?.conflict}>
          {opinion.status === 'given' ? 'Modifier mon avis' : 'Rendre mon avis'}
        </Button>
        <Button variant="light" color="gray" loading={give.isPending && give.variables?.conflict === true} onClick={() => give.mutate({ conflict: true, comment: comment || undefined, version: opinion.version })}>
          Déclarer un conflit d’intérêts
        </Button>
      </Group>
    </Stack>
  );
}
