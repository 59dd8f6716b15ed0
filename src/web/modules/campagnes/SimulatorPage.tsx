import { Alert, Button, Checkbox, Container, Group, NumberInput, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { z } from 'zod';
import { errorMessage } from '../../api/client';
import { showServerIssues } from '../../ui/form';
import { Facts } from '../../ui/Facts';
import { usePageTitle } from '../../ui/usePageTitle';
import { AidSchedule } from './AidSchedule';
import { euros } from './labels';
import { useSimulation } from './queries';

const devices = [
  { value: 'tablette', label: 'Tablette' },
  { value: 'portable', label: 'Ordinateur portable' },
  { value: 'cao', label: 'Ordinateur portable CAO' },
];

const simulatorSchema = z.object({
  authority: z.string().trim().min(1, 'Indiquez le code de la collectivité.'),
  code: z.string().trim().min(1, 'Indiquez le code de la campagne.'),
  device: z.string().min(1, 'Choisissez un équipement.'),
  incomeEuros: z.number({ error: 'Indiquez le revenu fiscal de référence.' }).min(0, 'Le revenu fiscal de référence ne peut pas être négatif.'),
  instalments: z.number({ error: 'Indiquez le nombre d’échéances.' }).int('Le nombre d’échéances est un entier.').min(1, 'Entre 1 et 36 échéances.').max(36, 'Entre 1 et 36 échéances.'),
  insurance: z.boolean(),
});
type Values = z.infer<typeof simulatorSchema>;

/** The family aid simulator: public, no account, the same rules as the application. */
export function SimulatorPage() {
  usePageTitle('Simulateur d’aide à l’équipement');
  const simulation = useSimulation();
  const form = useForm<Values>({
    initialValues: { authority: 'grand-est', code: 'lycee40-equipement', device: 'portable', incomeEuros: 30000, instalments: 10, insurance: false },
    validate: zod4Resolver(simulatorSchema),
  });
  const submit = (v: Values) =>
    simulation.mutate(
      { authority: v.authority.trim(), code: v.code.trim(), device: v.device, householdIncomeCents: Math.round(v.incomeEuros * 100), instalments: v.instalments, insurance: v.insurance },
      { onError: (e) => showServerIssues(form, e, { householdIncomeCents: 'incomeEuros' }) },
    );
  return (
    <Container size="md" py="xl" component="main" id="contenu">
      <Title order={1} mb="xs">Simulateur d’aide à l’équipement</Title>
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" component="form" onSubmit={form.onSubmit(submit)} noValidate aria-label="Simulation">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Code de la collectivité" required {...form.getInputProps('authority')} />
            <TextInput label="Code de la campagne" required {...form.getInputProps('code')} />
            <Select label="Équipement" required data={devices} allowDeselect={false} {...form.getInputProps('device')} />
            <NumberInput label="Revenu fiscal de référence du foyer (€)" required min={0} clampBehavior="none" decimalScale={2} thousandSeparator=" " decimalSeparator="," {...form.getInputProps('incomeEuros')} />
            <NumberInput label="Nombre de mensualités (1 à 36)" required min={1} max={36} clampBehavior="none" allowDecimal={false} {...form.getInputProps('instalments')} />
            <Checkbox label="Souscrire l’assurance" mt="lg" {...form.getInputProps('insurance', { type: 'checkbox' })} />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit" loading={simulation.isPending}>Simuler</Button>
          </Group>
        </Paper>
        {simulation.isError && <Alert color="red" title="Simulation impossible">{errorMessage(simulation.error)}</Alert>}
        {simulation.data && <Result result={simulation.data} />}
      </Stack>
    </Container>
  );
}

function Result({ result }: { result: NonNullable<ReturnType<typeof useSimulation>['data']> }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="simulation-resultat">
      <Title order={2} size="h4" id="simulation-resultat" mb="md">Résultat</Title>
      <Facts items={[['Prix de l’équipement', euros(result.priceCents)], ['Aide de la collectivité', euros(result.aidCents)], ['Reste à la charge de la famille', euros(result.familyCents)], ['Assurance', euros(result.insuranceCents)]]} />
      <AidSchedule schedule={result.schedule} />
    </Paper>
  );
}
