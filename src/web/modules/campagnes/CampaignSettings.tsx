import { Alert, Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage, getActiveTenant, isApiError } from '../../api/client';
import { organizationKindLabels } from '../../labels';
import { Section } from '../../ui/Section';
import { campagnesKey, useCampaign } from './queries';

type Campaign = NonNullable<ReturnType<typeof useCampaign>['data']>;

const statuses = [
  { value: 'draft', label: 'Brouillon (invisible des établissements)' },
  { value: 'published', label: 'Publiée' },
  { value: 'archived', label: 'Archivée' },
];

/**
 * The campaign's managers edit its dates, envelope, retention and status (publishing it), with
 * the version read (409 when a colleague changed it meanwhile); a closed call reopens with a reason.
 */
export function CampaignSettings({ campaign: c }: { campaign: Campaign }) {
  const client = useQueryClient();
  const [values, setValues] = useState({ title: c.title, opensOn: c.opensOn, closesOn: c.closesOn, budget: c.budgetCents === null ? ('' as const) : c.budgetCents / 100, retentionMonths: c.retentionMonths, status: c.status, partnerIds: c.partnerIds ?? [] });
  const organizations = useQuery({ queryKey: ['organizations', getActiveTenant()], queryFn: ({ signal }) => call(apiClient.GET('/api/organizations', { signal })) });
  // the co-reviewers: the académies, the DRAAF and the State's services the authority works with
  const partnerOptions = (organizations.data?.items ?? [])
    .filter((o) => o.relation !== 'self' && ['academie', 'draaf', 'state-service'].includes(o.kind))
    .map((o) => ({ value: o.id, label: `${o.name} (${organizationKindLabels[o.kind] ?? o.kind})` }));
  const [reason, setReason] = useState('');
  const [newLastDay, setNewLastDay] = useState('');
  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    void client.invalidateQueries({ queryKey: campagnesKey('campaign', c.id) });
    void client.invalidateQueries({ queryKey: campagnesKey('campaigns') });
    // the eligibility is saved with the campaign's version, which just moved
    void client.invalidateQueries({ queryKey: campagnesKey('eligibility', c.id) });
  };
  const save = useMutation({
    mutationFn: () =>
      call(
        apiClient.PUT('/api/campaigns/{campaign}', {
          params: { path: { campaign: c.id } },
          body: {
            title: values.title,
            description: c.description,
            opensOn: values.opensOn,
            closesOn: values.closesOn,
            budgetCents: values.budget === '' ? null : Math.round(values.budget * 100),
            retentionMonths: values.retentionMonths,
            eligibility: c.eligibility,
            grid: c.grid as never,
            partnerIds: values.partnerIds,
            status: values.status as 'draft',
            version: c.version,
          },
        }),
      ),
    onSuccess: () => done('Campagne enregistrée.'),
  });
  const reopen = useMutation({
    mutationFn: () => call(apiClient.POST('/api/campaigns/{campaign}/reopening', { params: { path: { campaign: c.id } }, body: { reason, closesOn: newLastDay, version: c.version } })),
    onSuccess: () => done('Campagne rouverte.'),
  });
  const closed = c.status === 'published' && new Date(c.closesAt) < new Date();
  return (
    <Section title="Réglages de la campagne">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <TextInput label="Titre" value={values.title} onChange={(e) => setValues((v) => ({ ...v, title: e.currentTarget.value }))} />
          <TextInput type="date" label="Ouverture" value={values.opensOn} onChange={(e) => setValues((v) => ({ ...v, opensOn: e.currentTarget.value }))} />
          <TextInput type="date" label="Dernier jour (23 h 59, heure de Paris)" value={values.closesOn} onChange={(e) => setValues((v) => ({ ...v, closesOn: e.currentTarget.value }))} />
          <NumberInput label="Enveloppe" suffix=" €" min={0} decimalScale={2} decimalSeparator="," thousandSeparator=" " value={values.budget} onChange={(n) => setValues((v) => ({ ...v, budget: n === '' ? '' : Number(n) }))} />
          <NumberInput label="Conservation après la clôture (mois)" min={1} max={60} allowDecimal={false} value={values.retentionMonths} onChange={(n) => setValues((v) => ({ ...v, retentionMonths: Number(n) || 12 }))} />
          <Select label="Statut" data={statuses} allowDeselect={false} value={values.status} onChange={(s) => setValues((v) => ({ ...v, status: s ?? v.status }))} />
        </SimpleGrid>
        <MultiSelect
          label="Partenaires qui co-instruisent"
          description="Leurs agents lisent les dossiers de la campagne et donnent leur avis (académie, DRAAF)"
          data={partnerOptions}
          searchable
          value={values.partnerIds}
          onChange={(partnerIds) => setValues((v) => ({ ...v, partnerIds }))}
        />
        {save.error ? (
          <Alert color={isApiError(save.error, 409) ? 'orange' : 'red'} role="alert">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Enregistrer la campagne
          </Button>
        </Group>
        {closed ? (
          <Stack gap="xs" role="group" aria-label="Rouvrir la campagne">
            <Text size="sm">La campagne est close : la rouvrir jusqu’à un nouveau dernier jour, avec le motif gardé à la campagne.</Text>
            <Group align="flex-end">
              <TextInput type="date" label="Nouveau dernier jour" value={newLastDay} onChange={(e) => setNewLastDay(e.currentTarget.value)} />
              <Textarea label="Motif" autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={360} />
              <Button variant="light" disabled={!newLastDay || reason.trim().length < 3} loading={reopen.isPending} onClick={() => reopen.mutate()}>
                Rouvrir
              </Button>
            </Group>
            {reopen.error ? <Alert color="red" role="alert">{errorMessage(reopen.error)}</Alert> : null}
          </Stack>
        ) : null}
      </Stack>
    </Section>
  );
}
