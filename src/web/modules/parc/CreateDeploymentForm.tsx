import { Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { createDeploymentInput } from '../../../modules/parc/operations/create-deployment-batch.input';
import { errorMessage } from '../../api/client';
import type { BodyOf } from '../../api/types';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Section } from '../../ui/Section';
import { assetClasses, assetClassLabels } from './labels';
import { useCreateDeployment } from './queries';
import { SchoolSelect } from '../../ui/SchoolSelect';

/** "2026-11-24T08:30" in the browser's time zone, for a datetime-local input. */
function localNow() {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

type DeploymentBody = BodyOf<'/api/deployments', 'post'>;

interface DeliveryValues {
  uai: string | null;
  label: string;
  assetClass: NonNullable<DeploymentBody['assetClass']>;
  deliveredAt: string;
  deadlineHours: number | string;
  expectedCount: number | string;
  orderReference: string;
  serialText: string;
  planId: string | null;
}

/** A delivery made for a planned deployment starts from its site, class and what is left to deliver. */
export interface DeliveryPlan {
  id: string;
  uai: string;
  assetClass: string;
  remaining: number;
  sourceLabel: string;
}

const serialsOf = (text: string) => [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
const isoOrEmpty = (local: string) => {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
};

/** The body POST /api/deployments takes; the form validates it with that operation's own schema. */
const deliveryBody = (v: DeliveryValues): DeploymentBody => ({
  uai: v.uai ?? '',
  label: v.label.trim(),
  assetClass: v.assetClass,
  deliveredAt: isoOrEmpty(v.deliveredAt),
  deadlineHours: v.deadlineHours === '' ? 48 : Number(v.deadlineHours),
  expectedCount: v.expectedCount === '' ? undefined : Number(v.expectedCount),
  orderReference: v.orderReference.trim() || undefined,
  serials: serialsOf(v.serialText),
  planId: v.planId ?? undefined,
});

/** A delivery on a site: the serial numbers of the delivery note, the deadline to put them in service. */
export function CreateDeploymentForm({ onDone, plan }: { onDone: () => void; plan?: DeliveryPlan }) {
  const form = useForm<DeliveryValues>({
    initialValues: plan
      ? { uai: plan.uai, label: `Renouvellement — ${plan.sourceLabel}`.slice(0, 200), assetClass: plan.assetClass as DeliveryValues['assetClass'], deliveredAt: localNow(), deadlineHours: 48, expectedCount: plan.remaining, orderReference: '', serialText: '', planId: plan.id }
      : { uai: null, label: '', assetClass: 'desktop', deliveredAt: localNow(), deadlineHours: 48, expectedCount: '', orderReference: '', serialText: '', planId: null },
    validate: schemaValidator(createDeploymentInput, deliveryBody),
  });
  const create = useCreateDeployment();
  const serials = serialsOf(form.values.serialText);

  const submit = form.onSubmit(async (values) => {
    try {
      await create.mutateAsync(deliveryBody(values));
      notifications.show({ color: 'teal', message: 'Livraison enregistrée.' });
      onDone();
    } catch (error) {
      showServerIssues(form, error);
    }
  });

  return (
    <Section title={plan ? `Livraison pour : ${plan.sourceLabel}` : 'Enregistrer une livraison'} id="nouvelle-livraison">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {form.errors.planId ? (
            <Alert color="red" role="alert">
              {form.errors.planId}
            </Alert>
          ) : null}
          {create.error && (
            <Alert color="red" role="alert" title="Enregistrement impossible">
              {errorMessage(create.error)}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <SchoolSelect label="Site livré" required value={form.values.uai} onChange={(uai) => form.setFieldValue('uai', uai)} error={form.errors.uai as string | undefined} />
            <TextInput label="Libellé" required maxLength={200} {...form.getInputProps('label')} />
            <NativeSelect label="Type d’équipement" data={assetClasses.map((c) => ({ value: c, label: assetClassLabels[c] }))} {...form.getInputProps('assetClass')} />
            <TextInput label="Bon de commande" maxLength={100} {...form.getInputProps('orderReference')} />
            <TextInput label="Livré le" type="datetime-local" required {...form.getInputProps('deliveredAt')} />
            <NumberInput label="Délai de mise en service (heures)" allowDecimal={false} clampBehavior="none" {...form.getInputProps('deadlineHours')} />
            <NumberInput
              label="Équipements attendus"
              description="Par défaut, le nombre de numéros de série"
              allowDecimal={false}
              clampBehavior="none"
              {...form.getInputProps('expectedCount')}
            />
          </SimpleGrid>
          <Textarea
            label="Numéros de série du bon de livraison"
            description={`Un par ligne (ou séparés par des espaces, virgules, points-virgules) — ${serials.length} lu${serials.length > 1 ? 's' : ''}`}
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps('serialText')}
            error={form.errors.serialText ?? Object.entries(form.errors).find(([path]) => path.startsWith('serials'))?.[1]}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>
              Annuler
            </Button>
            <Button type="submit" loading={create.isPending}>
              Enregistrer la livraison
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
