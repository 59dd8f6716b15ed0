import { Alert, Badge, Button, CloseButton, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage, isApiError } from '../../api/client';
import { natures } from '../../labels';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { SchoolSelect } from '../../ui/SchoolSelect';
import { Section } from '../../ui/Section';
import { updateEligibilityInput } from '../../../modules/campagnes/operations/campaign.input';
import { establishmentQuery } from '../establishments/queries';
import { unitOptions, useUnits } from '../units/queries';
import { campagnesKey } from './queries';

interface School {
  id: string;
  uai: string;
  name: string;
}
interface Values {
  natureCodes: string[];
  unitIds: string[];
  establishments: School[];
}
type Eligibility = Values & { version: number };

const fieldOf = (path: string) => (path.startsWith('establishmentIds') ? 'establishments' : path.replace(/\.\d+$/, ''));

/**
 * Who may apply: natures of establishment, territorial units (and the schools below them), and an
 * explicit list picked by name or UAI. Each list narrows the others; all empty, every school of
 * the authority may apply. Saved with the campaign's version (409 when a colleague changed it).
 */
export function CampaignEligibility({ campaignId }: { campaignId: string }) {
  const eligibility = useQuery({ queryKey: campagnesKey('eligibility', campaignId), queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/eligibility', { params: { path: { campaign: campaignId } }, signal })) });
  return (
    <Section title="Établissements éligibles">
      {eligibility.isPending ? (
        <Loading />
      ) : eligibility.isError ? (
        <QueryError error={eligibility.error} retry={() => void eligibility.refetch()} />
      ) : (
        <EligibilityForm key={eligibility.data.version} campaignId={campaignId} saved={{ natureCodes: eligibility.data.natureCodes, unitIds: eligibility.data.units.map((u) => u.id), establishments: eligibility.data.establishments, version: eligibility.data.version }} />
      )}
    </Section>
  );
}

function EligibilityForm({ campaignId, saved }: { campaignId: string; saved: Eligibility }) {
  const client = useQueryClient();
  const units = useUnits();
  const [picking, setPicking] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const toBody = (v: Values) => ({ natureCodes: v.natureCodes, unitIds: v.unitIds, establishmentIds: v.establishments.map((e) => e.id), version: saved.version });
  const form = useForm<Values>({ initialValues: { natureCodes: saved.natureCodes, unitIds: saved.unitIds, establishments: saved.establishments }, validate: schemaValidator(updateEligibilityInput, toBody, fieldOf) });
  const save = useMutation({
    mutationFn: (v: Values) => call(apiClient.PUT('/api/campaigns/{campaign}/eligibility', { params: { path: { campaign: campaignId } }, body: toBody(v) })),
    onSuccess: (next) => {
      notifications.show({ color: 'teal', message: 'Établissements éligibles enregistrés.' });
      client.setQueryData(campagnesKey('eligibility', campaignId), next);
      // the campaign's version moved: its settings form reads it again
      void client.invalidateQueries({ queryKey: campagnesKey('campaign', campaignId) });
    },
    onError: (e) => {
      if (showServerIssues(form, e, fieldOf)) return;
      setConflict(isApiError(e, 409) ? `${errorMessage(e)} Rechargez pour repartir de la version enregistrée.` : errorMessage(e));
    },
  });
  const add = async (uai: string | null) => {
    setPicking(uai);
    if (!uai) return;
    try {
      const school = await client.fetchQuery(establishmentQuery(uai));
      if (!form.values.establishments.some((e) => e.id === school.id)) form.insertListItem('establishments', { id: school.id, uai: school.uai, name: school.name });
    } finally {
      setPicking(null);
    }
  };
  const list = form.values.establishments;
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm">
        <Text size="sm">Chaque critère rempli restreint les autres ; tous vides, tous les établissements de la collectivité peuvent déposer un dossier. Les dossiers déjà commencés restent.</Text>
        <Group grow align="flex-start">
          <MultiSelect label="Natures d’établissement" searchable data={Object.entries(natures).map(([value, label]) => ({ value, label: `${label} (${value})` }))} {...form.getInputProps('natureCodes')} />
          <MultiSelect label="Unités territoriales" description="Avec les établissements des unités qu’elles contiennent" searchable data={unitOptions(units.data?.items ?? [])} {...form.getInputProps('unitIds')} />
        </Group>
        <SchoolSelect label="Ajouter un établissement à la liste" description="Nom, UAI ou commune" value={picking} onChange={(uai) => void add(uai)} error={form.errors.establishments as string | undefined} />
        {list.length ? (
          <Group gap="xs" role="list" aria-label="Liste des établissements éligibles">
            {list.map((e, i) => (
              <Badge key={e.id} role="listitem" variant="light" size="lg" rightSection={<CloseButton size="xs" aria-label={`Retirer ${e.name}`} onClick={() => form.removeListItem('establishments', i)} />}>
                {e.name} ({e.uai})
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">Pas de liste nominative.</Text>
        )}
        {conflict ? (
          <Alert color="orange" role="alert">
            {conflict}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>Enregistrer les établissements éligibles</Button>
          {conflict ? (
            <Button variant="subtle" onClick={() => void client.invalidateQueries({ queryKey: campagnesKey('eligibility', campaignId) })}>
              Recharger
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
