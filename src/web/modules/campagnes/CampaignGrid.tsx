import { ActionIcon, Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage, isApiError } from '../../api/client';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Section } from '../../ui/Section';
import { updateCampaignInput } from '../../../modules/campagnes/operations/campaign.input';
import { campagnesKey, useCampaign } from './queries';

type Campaign = NonNullable<ReturnType<typeof useCampaign>['data']>;
type Source = 'reviewer' | 'sector' | 'territory' | 'teaching';
interface Criterion {
  key: string;
  label: string;
  weight: number | '';
  source: Source;
  max: number | '';
  points: Record<string, number | ''>;
}

const sourceLabels: Record<Source, string> = {
  reviewer: 'Noté par les experts',
  sector: 'Calculé : public ou privé',
  territory: 'Calculé : territoire (REP+, REP, rural, urbain)',
  teaching: 'Calculé : type d’enseignement',
};
/** The values the référentiel gives each computed criterion (candidature/scoring.ts). */
const valuesOf: Record<Exclude<Source, 'reviewer'>, [string, string][]> = {
  sector: [['public', 'Public'], ['private', 'Privé sous contrat']],
  territory: [['REP+', 'REP+'], ['REP', 'REP'], ['rural', 'Rural'], ['urbain', 'Urbain']],
  teaching: [['general', 'Général'], ['technologique', 'Technologique'], ['professionnel', 'Professionnel'], ['agricole', 'Agricole']],
};

const num = (v: number | '') => (v === '' ? Number.NaN : v);

/**
 * A candidature call's weighted grid (Lycée 4.0): each criterion's weight and scale, scored by the
 * experts or computed from the référentiel with the points of each value. Saved with the campaign
 * and its version (409 when a colleague changed it); the ranking follows at once.
 */
export function CampaignGrid({ campaign: c }: { campaign: Campaign }) {
  const client = useQueryClient();
  const [conflict, setConflict] = useState<string | null>(null);
  const toBody = (v: { grid: Criterion[] }) => ({
    title: c.title,
    description: c.description,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    budgetCents: c.budgetCents,
    retentionMonths: c.retentionMonths,
    eligibility: c.eligibility,
    partnerIds: c.partnerIds ?? [],
    status: c.status as 'draft',
    version: c.version,
    grid: v.grid.map((g) => ({
      key: g.key.trim(),
      label: g.label,
      weight: num(g.weight),
      source: g.source,
      max: num(g.max),
      ...(g.source === 'reviewer' ? {} : { points: Object.fromEntries(Object.entries(g.points).filter(([, p]) => p !== '').map(([k, p]) => [k, p as number])) }),
    })),
  });
  const form = useForm<{ grid: Criterion[] }>({
    initialValues: { grid: c.grid.map((g) => ({ key: g.key, label: g.label, weight: g.weight, source: g.source as Source, max: g.max, points: g.points ?? {} })) },
    validate: schemaValidator(updateCampaignInput, toBody),
  });
  const save = useMutation({
    mutationFn: (v: { grid: Criterion[] }) => call(apiClient.PUT('/api/campaigns/{campaign}', { params: { path: { campaign: c.id } }, body: toBody(v) as never })),
    onSuccess: () => {
      setConflict(null);
      notifications.show({ color: 'teal', message: 'Grille enregistrée.' });
      void client.invalidateQueries({ queryKey: campagnesKey('campaign', c.id) });
      void client.invalidateQueries({ queryKey: campagnesKey('eligibility', c.id) });
    },
    onError: (e) => {
      if (!showServerIssues(form, e)) setConflict(isApiError(e, 409) ? `${errorMessage(e)} Rechargez la page pour repartir de la version enregistrée.` : errorMessage(e));
    },
  });
  const total = form.values.grid.reduce((t, g) => t + (g.weight === '' ? 0 : g.weight), 0);
  return (
    <Section title="Grille de sélection">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="sm">
          <Text size="sm">Le score d’un dossier est la somme pondérée de ses critères ramenés à leur barème ; un critère noté par les experts prend la médiane de leurs notes. Poids total : {total}.</Text>
          {form.values.grid.map((g, i) => (
            <Paper key={i} withBorder p="sm" radius="sm" role="group" aria-label={`Critère ${i + 1}`}>
              <Group align="flex-start" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 5 }} style={{ flex: 1 }}>
                  <TextInput label="Clé" {...form.getInputProps(`grid.${i}.key`)} />
                  <TextInput label="Intitulé" {...form.getInputProps(`grid.${i}.label`)} />
                  <NumberInput label="Poids" min={0} max={100} {...form.getInputProps(`grid.${i}.weight`)} />
                  <NumberInput label="Barème (sur)" min={0} max={100} {...form.getInputProps(`grid.${i}.max`)} />
                  <Select label="Source" allowDeselect={false} data={Object.entries(sourceLabels).map(([value, label]) => ({ value, label }))} {...form.getInputProps(`grid.${i}.source`)} />
                </SimpleGrid>
                <ActionIcon mt={24} variant="subtle" color="red" aria-label={`Retirer le critère ${i + 1}`} onClick={() => form.removeListItem('grid', i)}>
                  ×
                </ActionIcon>
              </Group>
              {g.source !== 'reviewer' ? (
                <Group mt="xs" gap="sm">
                  {valuesOf[g.source].map(([value, label]) => (
                    <NumberInput key={value} label={`Points : ${label}`} min={0} max={100} w={150} {...form.getInputProps(`grid.${i}.points.${value}`)} value={g.points[value] ?? ''} />
                  ))}
                </Group>
              ) : null}
            </Paper>
          ))}
          <Group>
            <Button variant="subtle" onClick={() => form.insertListItem('grid', { key: '', label: '', weight: 10, source: 'reviewer', max: 10, points: {} })}>Ajouter un critère</Button>
          </Group>
          {conflict ? <Alert color="orange" role="alert">{conflict}</Alert> : null}
          <Group>
            <Button type="submit" loading={save.isPending}>Enregistrer la grille</Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
