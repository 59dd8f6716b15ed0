import { Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createScenarioInput, splitFinancingInput } from '../../../../modules/pilotage/operations/ppi.input';
import { apiClient, call, errorMessage, getActiveTenant } from '../../../api/client';
import { useCan } from '../../../session/session';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Section } from '../../../ui/Section';
import type { Scenario } from './queries';

const refreshPpi = (queryClient: ReturnType<typeof useQueryClient>) => queryClient.invalidateQueries({ queryKey: ['steering', getActiveTenant()] });
const fail = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });

interface ScenarioValues {
  name: string;
  startYear: number | string;
  yearCount: number | string;
  yearlyCeilingEuros: number | string;
  baselineId: string;
}

const whole = (v: number | string) => (typeof v === 'number' ? v : Number.NaN);
const toScenario = (v: ScenarioValues) => {
  const years = whole(v.yearCount);
  const ceiling = Math.round(whole(v.yearlyCeilingEuros) * 100);
  return { name: v.name, startYear: whole(v.startYear), yearCount: years, yearlyCeilingsCents: Number.isInteger(years) && years > 0 ? Array<number>(years).fill(ceiling) : [], baselineId: v.baselineId || null };
};

/** What the plan's managers do on this page: propose a scenario from the gaps, finance it, and record the assembly's vote. */
export function PpiActions({ items }: { items: Scenario[] }) {
  const canManage = useCan('ppi.manage');
  const canVote = useCan('ppi.vote');
  const drafts = items.filter((s) => s.status === 'draft');
  if (!canManage && !canVote) return null;
  return (
    <Section title="Proposer, financer et voter" id="actions-ppi">
      <Stack gap="lg">
        {canManage && <NewScenario voted={items.filter((s) => s.status === 'voted')} />}
        {drafts.map((s) => (
          <DraftActions key={s.id} scenario={s} canManage={canManage} canVote={canVote} />
        ))}
      </Stack>
    </Section>
  );
}

function NewScenario({ voted }: { voted: Scenario[] }) {
  const queryClient = useQueryClient();
  const form = useForm<ScenarioValues>({
    initialValues: { name: '', startYear: new Date().getFullYear() + 1, yearCount: 5, yearlyCeilingEuros: 8_000_000, baselineId: voted[0]?.id ?? '' },
    validate: schemaValidator(createScenarioInput, toScenario, { yearlyCeilingsCents: 'yearlyCeilingEuros' }),
  });
  const create = useMutation({
    mutationFn: (v: ScenarioValues) => call(apiClient.POST('/api/pilotage/ppi/scenarios', { body: toScenario(v) })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Scénario créé : ses opérations sont proposées à partir des écarts et programmées sous les plafonds.' });
      form.reset();
      await refreshPpi(queryClient);
    },
    onError: (error) => showServerIssues(form, error, { yearlyCeilingsCents: 'yearlyCeilingEuros' }) || fail(error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate aria-label="Nouveau scénario">
      <Stack gap="xs">
        <Text fw={600}>Nouveau scénario</Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Nom" required maxLength={120} style={{ flex: 2, minWidth: 220 }} {...form.getInputProps('name')} />
          <NumberInput label="Première année" allowDecimal={false} w={130} {...form.getInputProps('startYear')} />
          <NumberInput label="Nombre d’années" allowDecimal={false} min={1} max={15} w={140} {...form.getInputProps('yearCount')} />
          <NumberInput label="Plafond annuel (€)" allowDecimal={false} min={0} thousandSeparator=" " w={180} {...form.getInputProps('yearlyCeilingEuros')} />
          <NativeSelect
            label="Comparé à la version votée"
            data={[{ value: '', label: 'Aucune' }, ...voted.map((s) => ({ value: s.id, label: s.name }))]}
            {...form.getInputProps('baselineId')}
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Proposer le scénario
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface SplitValues {
  own: number | string;
  feder: number | string;
  eib: number | string;
}

const percent = (v: number | string) => (typeof v === 'number' ? v : 0);
const toSplit = (v: SplitValues) => ({
  shares: (['own', 'feder', 'eib'] as const).map((source) => ({ source, partnerName: null, percent: percent(v[source]) })).filter((s) => s.percent > 0),
});

/** A draft's financing by shares (own budget, FEDER, EIB loan: the lines of each operation then add up to its cost), and its vote. */
function DraftActions({ scenario, canManage, canVote }: { scenario: Scenario; canManage: boolean; canVote: boolean }) {
  const queryClient = useQueryClient();
  const form = useForm<SplitValues>({ initialValues: { own: 50, feder: 30, eib: 20 }, validate: schemaValidator(splitFinancingInput, toSplit, { shares: 'own' }) });
  const split = useMutation({
    mutationFn: (v: SplitValues) => call(apiClient.POST('/api/pilotage/ppi/scenarios/{id}/financing-split', { params: { path: { id: scenario.id } }, body: toSplit(v) })),
    onSuccess: async (r) => {
      notifications.show({ color: 'teal', message: `${r.operations} opérations financées selon ces parts.` });
      await refreshPpi(queryClient);
    },
    onError: (error) => showServerIssues(form, error, { shares: 'own' }) || fail(error),
  });
  const vote = useMutation({
    mutationFn: () => call(apiClient.POST('/api/pilotage/ppi/scenarios/{id}/vote', { params: { path: { id: scenario.id } } })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: `« ${scenario.name} » est voté : il est figé, ainsi que les versions de cibles qu’il utilise.` });
      await refreshPpi(queryClient);
    },
    onError: fail,
  });
  // the codebase's confirmations are the browser's own (no modal library)
  const confirmVote = () => {
    if (window.confirm(`Enregistrer le vote de « ${scenario.name} » ? Il ne pourra plus être modifié, ni les versions de profils cibles dont il est parti.`)) vote.mutate();
  };
  return (
    <Stack gap="xs">
      <Text fw={600}>{scenario.name}</Text>
      {canManage && (
        <form onSubmit={form.onSubmit((v) => split.mutate(v))} noValidate aria-label={`Financement de ${scenario.name}`}>
          <Group align="flex-end" wrap="wrap">
            <NumberInput label="Fonds propres (%)" min={0} max={100} w={150} {...form.getInputProps('own')} />
            <NumberInput label="FEDER (%)" min={0} max={100} w={120} {...form.getInputProps('feder')} />
            <NumberInput label="Prêt BEI (%)" min={0} max={100} w={120} {...form.getInputProps('eib')} />
            <Button type="submit" variant="light" loading={split.isPending}>
              Financer selon ces parts
            </Button>
          </Group>
        </form>
      )}
      {canVote && (
        <Group>
          <Button onClick={confirmVote} loading={vote.isPending}>
            Enregistrer le vote
          </Button>
        </Group>
      )}
    </Stack>
  );
}
