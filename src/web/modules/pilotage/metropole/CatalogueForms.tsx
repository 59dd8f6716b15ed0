import { Button, Group, NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createCycleInput,
  createServiceInput,
  serviceCodeLabels,
  serviceCodes,
  updateCycleInput,
  updateServiceInput,
} from '../../../../modules/pilotage/metropole/operations/catalogue.input';
import { apiClient, call, errorMessage } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { metropoleKey, type Catalogue } from './queries';

type Service = Catalogue['services'][number];
type Cycle = Catalogue['cycles'][number];
type Code = (typeof serviceCodes)[number];

interface ServiceValues {
  code: Code;
  name: string;
  categories: string;
  targetPercent: number | string;
  deviceEuros: number | string;
  pupilEuros: number | string;
}

const cents = (euros: number | string) => (typeof euros === 'number' ? Math.round(euros * 100) : Number.NaN);
const toService = (v: ServiceValues) => ({
  name: v.name,
  ticketCategories: v.categories.split(',').map((c) => c.trim()).filter(Boolean),
  resolveWithinTarget: typeof v.targetPercent === 'number' ? v.targetPercent / 100 : Number.NaN,
  costPerDeviceCents: cents(v.deviceEuros),
  costPerPupilCents: cents(v.pupilEuros),
});
/** The body's fields on the form's: categories typed comma-separated, the level in percent, costs in euros. */
const serviceField = (path: string) =>
  path.startsWith('ticketCategories') ? 'categories' : ({ resolveWithinTarget: 'targetPercent', costPerDeviceCents: 'deviceEuros', costPerPupilCents: 'pupilEuros' } as Record<string, string>)[path] ?? path;
const fail = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });

/** Adds a service to the catalogue (no `service`: the codes not yet in it) or edits one's level and unit costs with the version read. */
export function ServiceForm({ service, free = [], onDone }: { service?: Service; free?: Code[]; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<ServiceValues>({
    initialValues: service
      ? { code: service.code as Code, name: service.name, categories: service.ticketCategories.join(', '), targetPercent: Math.round(service.resolveWithinTarget * 1000) / 10, deviceEuros: service.costPerDeviceCents / 100, pupilEuros: service.costPerPupilCents / 100 }
      : { code: free[0] ?? 'assistance', name: '', categories: '', targetPercent: 90, deviceEuros: 0, pupilEuros: 0 },
    validate: service
      ? schemaValidator(updateServiceInput, (v: ServiceValues) => ({ ...toService(v), version: service.version }), serviceField)
      : schemaValidator(createServiceInput, (v: ServiceValues) => ({ ...toService(v), code: v.code }), serviceField),
  });
  const save = useMutation({
    mutationFn: (v: ServiceValues): Promise<unknown> =>
      service
        ? call(apiClient.PUT('/api/metropole/services/{id}', { params: { path: { id: service.id } }, body: { ...toService(v), version: service.version } }))
        : call(apiClient.POST('/api/metropole/services', { body: { ...toService(v), code: v.code } })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: service ? 'Service modifié.' : 'Service ajouté au catalogue.' });
      if (!service) form.reset();
      await queryClient.invalidateQueries({ queryKey: metropoleKey() });
      onDone?.();
    },
    onError: (error) => showServerIssues(form, error, serviceField) || fail(error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={service ? `Modifier le service ${service.name}` : 'Nouveau service'}>
      <Stack gap="xs" mt="xs">
        <Group align="flex-start" wrap="wrap">
          {!service && <NativeSelect label="Service" data={free.map((c) => ({ value: c, label: serviceCodeLabels[c] }))} w={240} {...form.getInputProps('code')} />}
          <TextInput label="Nom affiché" required maxLength={120} style={{ flex: 1, minWidth: 220 }} {...form.getInputProps('name')} />
          <TextInput label="Catégories de tickets mesurées (séparées par des virgules)" required w={340} {...form.getInputProps('categories')} />
        </Group>
        <Group align="flex-start" wrap="wrap">
          <NumberInput label="Niveau promis : tickets résolus dans les délais (%)" min={0} max={100} decimalScale={1} w={330} {...form.getInputProps('targetPercent')} />
          <NumberInput label="Coût par équipement et par an (€)" min={0} decimalScale={2} w={250} {...form.getInputProps('deviceEuros')} />
          <NumberInput label="Coût par élève et par an (€)" min={0} decimalScale={2} w={230} {...form.getInputProps('pupilEuros')} />
        </Group>
        <Group>
          <Button type="submit" size="xs" loading={save.isPending}>
            {service ? 'Enregistrer le service' : 'Ajouter le service'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface CycleValues {
  year: number | string;
  label: string;
}

/** Opens a yearly joining cycle (no `cycle`) or renames one with the version read. */
export function CycleForm({ cycle, onDone }: { cycle?: Cycle; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const toCycle = (v: CycleValues) => ({ year: typeof v.year === 'number' ? v.year : Number.NaN, label: v.label });
  const form = useForm<CycleValues>({
    initialValues: cycle ? { year: cycle.year, label: cycle.label } : { year: new Date().getFullYear() + 1, label: '' },
    validate: cycle ? schemaValidator(updateCycleInput, (v: CycleValues) => ({ label: v.label, version: cycle.version })) : schemaValidator(createCycleInput, toCycle),
  });
  const save = useMutation({
    mutationFn: (v: CycleValues): Promise<unknown> =>
      cycle
        ? call(apiClient.PUT('/api/metropole/cycles/{id}', { params: { path: { id: cycle.id } }, body: { label: v.label, version: cycle.version } }))
        : call(apiClient.POST('/api/metropole/cycles', { body: toCycle(v) })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: cycle ? 'Cycle renommé.' : 'Cycle ouvert.' });
      if (!cycle) form.reset();
      await queryClient.invalidateQueries({ queryKey: metropoleKey() });
      onDone?.();
    },
    onError: (error) => showServerIssues(form, error) || fail(error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={cycle ? `Renommer le cycle ${cycle.year}` : 'Nouveau cycle'}>
      <Group align="flex-start" mt="xs" wrap="wrap">
        {!cycle && <NumberInput label="Année" allowDecimal={false} w={120} {...form.getInputProps('year')} />}
        <TextInput label="Libellé" required maxLength={120} w={260} {...form.getInputProps('label')} />
        <Button type="submit" size="xs" mt={25} loading={save.isPending}>
          {cycle ? 'Renommer' : 'Ouvrir le cycle'}
        </Button>
      </Group>
    </form>
  );
}
