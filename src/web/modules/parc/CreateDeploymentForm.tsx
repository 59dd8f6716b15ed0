import { Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import type { BodyOf } from '../../api/types';
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

/** A delivery on a site: the serial numbers of the delivery note, the deadline to put them in service. */
export function CreateDeploymentForm({ onDone }: { onDone: () => void }) {
  const [uai, setUai] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [assetClass, setAssetClass] = useState<NonNullable<BodyOf<'/api/deployments', 'post'>['assetClass']>>('desktop');
  const [deliveredAt, setDeliveredAt] = useState(localNow);
  const [deadlineHours, setDeadlineHours] = useState<number | ''>(48);
  const [expected, setExpected] = useState<number | ''>('');
  const [orderReference, setOrderReference] = useState('');
  const [serialText, setSerialText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateDeployment();
  const serials = [...new Set(serialText.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!uai) found.uai = 'Choisissez le site livré.';
    if (!label.trim()) found.label = 'Donnez un libellé (par exemple « Vague 1 — salles informatiques »).';
    if (!deliveredAt) found.deliveredAt = 'Indiquez la date de livraison.';
    if (!serials.length && expected === '') found.expectedCount = 'Indiquez le nombre d’équipements attendus ou collez les numéros de série.';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await create.mutateAsync({
        uai: uai!,
        label: label.trim(),
        assetClass,
        deliveredAt: new Date(deliveredAt).toISOString(),
        deadlineHours: deadlineHours === '' ? 48 : deadlineHours,
        expectedCount: expected === '' ? undefined : expected,
        orderReference: orderReference.trim() || undefined,
        serials,
      });
      notifications.show({ color: 'teal', message: 'Livraison enregistrée.' });
      onDone();
    } catch (error) {
      if (isApiError(error)) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.split('.')[0], i.message])));
    }
  };

  return (
    <Section title="Enregistrer une livraison" id="nouvelle-livraison">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {create.error && (
            <Alert color="red" role="alert" title="Enregistrement impossible">
              {errorMessage(create.error)}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <SchoolSelect label="Site livré" required value={uai} onChange={setUai} error={errors.uai} />
            <TextInput label="Libellé" required maxLength={200} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors.label} />
            <NativeSelect label="Type d’équipement" data={assetClasses.map((c) => ({ value: c, label: assetClassLabels[c] }))} value={assetClass} onChange={(e) => setAssetClass(e.currentTarget.value as typeof assetClass)} />
            <TextInput label="Bon de commande" maxLength={100} value={orderReference} onChange={(e) => setOrderReference(e.currentTarget.value)} error={errors.orderReference} />
            <TextInput label="Livré le" type="datetime-local" required value={deliveredAt} onChange={(e) => setDeliveredAt(e.currentTarget.value)} error={errors.deliveredAt} />
            <NumberInput label="Délai de mise en service (heures)" min={1} max={24 * 90} allowDecimal={false} value={deadlineHours} onChange={(v) => setDeadlineHours(v === '' ? '' : Number(v))} error={errors.deadlineHours} />
            <NumberInput
              label="Équipements attendus"
              description="Par défaut, le nombre de numéros de série"
              min={1}
              max={5000}
              allowDecimal={false}
              value={expected}
              onChange={(v) => setExpected(v === '' ? '' : Number(v))}
              error={errors.expectedCount}
            />
          </SimpleGrid>
          <Textarea
            label="Numéros de série du bon de livraison"
            description={`Un par ligne (ou séparés par des espaces, virgules, points-virgules) — ${serials.length} lu${serials.length > 1 ? 's' : ''}`}
            autosize
            minRows={3}
            maxRows={10}
            value={serialText}
            onChange={(e) => setSerialText(e.currentTarget.value)}
            error={errors.serials}
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
