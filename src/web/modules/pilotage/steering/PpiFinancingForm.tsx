import { Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { financingSources, setFinancingInput } from '../../../../modules/pilotage/operations/ppi.input';
import { apiClient, call, errorMessage } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import type { PpiOperation } from './PpiOperations';
import { financingLabels, refreshSteering, type Scenario } from './queries';

const exact = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
/** To the cent: a line one cent short must show. */
const formatCents = (cents: number) => exact.format(cents / 100);

type Source = (typeof financingSources)[number];
interface Line {
  source: Source;
  partnerName: string;
  euros: number | string;
}
interface Values {
  lines: Line[];
}

/** Euros typed with cents; the body carries whole cents. An empty amount stays invalid (NaN), for the schema to say so. */
const toCents = (euros: number | string) => (typeof euros === 'number' ? Math.round(euros * 100) : Number.NaN);
const toBody = (v: Values) => ({ lines: v.lines.map((l) => ({ source: l.source, partnerName: l.source === 'partner' ? l.partnerName.trim() || null : null, amountCents: toCents(l.euros) })) });
/** The body's `lines.0.amountCents` is the form's `lines.0.euros`; a refusal of the whole (`lines`) shows under the lines. */
const fieldOf = (path: string) => path.replace(/\.amountCents$/, '.euros');

const startLines = (op: PpiOperation): Line[] =>
  op.financing.length > 0
    ? op.financing.map((l) => ({ source: l.source as Source, partnerName: l.partnerName ?? '', euros: l.amountCents / 100 }))
    : [{ source: 'own', partnerName: '', euros: op.costCents / 100 }];

/** The operation's financing, line by line (own budget, FEDER, EIB loan, partners): the server keeps it only if the lines add up to the cost. */
export function FinancingForm({ scenario, operation }: { scenario: Scenario; operation: PpiOperation }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({ initialValues: { lines: startLines(operation) }, validate: schemaValidator(setFinancingInput, toBody, fieldOf) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      call(apiClient.PUT('/api/pilotage/ppi/scenarios/{id}/operations/{operationId}/financing', { params: { path: { id: scenario.id, operationId: operation.id } }, body: toBody(v) })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Financement enregistré : ses lignes font le coût de l’opération.' });
      await refreshSteering(queryClient);
    },
    onError: (error) => showServerIssues(form, error, fieldOf) || form.setFieldError('lines', errorMessage(error)),
  });
  const total = form.values.lines.reduce((sum, l) => sum + (Number.isFinite(toCents(l.euros)) ? toCents(l.euros) : 0), 0);
  const linesError = form.errors.lines;
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label="Financement de l’opération">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          Financement
        </Text>
        {form.values.lines.map((line, i) => (
          <Group key={i} align="flex-start" wrap="wrap">
            <NativeSelect label={`Source ${i + 1}`} data={financingSources.map((s) => ({ value: s, label: financingLabels[s] ?? s }))} w={170} {...form.getInputProps(`lines.${i}.source`)} />
            {line.source === 'partner' && <TextInput label={`Partenaire ${i + 1}`} maxLength={120} w={220} {...form.getInputProps(`lines.${i}.partnerName`)} />}
            <NumberInput label={`Montant ${i + 1} (€)`} decimalScale={2} min={0} thousandSeparator=" " w={180} {...form.getInputProps(`lines.${i}.euros`)} />
            {form.values.lines.length > 1 && (
              <Button variant="subtle" color="red" mt={25} onClick={() => form.removeListItem('lines', i)} aria-label={`Retirer la ligne ${i + 1}`}>
                Retirer
              </Button>
            )}
          </Group>
        ))}
        <Text size="sm" aria-live="polite">
          {`Total des lignes : ${formatCents(total)} pour un coût de ${formatCents(operation.costCents)}.`}
        </Text>
        {typeof linesError === 'string' && (
          <Text size="sm" c="red.8" role="alert">
            {linesError}
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={() => form.insertListItem('lines', { source: 'feder', partnerName: '', euros: 0 })} disabled={form.values.lines.length >= 10}>
            Ajouter une ligne
          </Button>
          <Button type="submit" loading={save.isPending}>
            Enregistrer le financement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
