import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { updateEstablishmentInput } from '../../../modules/referentiel/operations/update-establishment.input';
import { errorMessage, isApiError } from '../../api/client';
import { useCan } from '../../session/session';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Section } from '../../ui/Section';
import { unitOptions, useUnits } from '../units/queries';
import { useUpdateEstablishment } from './queries';
import type { EstablishmentChanges, EstablishmentDetail } from './types';

interface FormValues {
  name: string;
  address: string;
  postalCode: string;
  communeName: string;
  phone: string;
  email: string;
  pupils: number | string;
  priorityEducation: '' | 'REP' | 'REP+';
  isOpen: boolean;
  unitId: string;
}

const valuesOf = (e: EstablishmentDetail): FormValues => ({
  name: e.name,
  address: e.address ?? '',
  postalCode: e.postalCode ?? '',
  communeName: e.communeName ?? '',
  phone: e.phone ?? '',
  email: e.email ?? '',
  pupils: e.pupils ?? '',
  priorityEducation: (e.priorityEducation as FormValues['priorityEducation']) ?? '',
  isOpen: e.isOpen,
  unitId: e.unitId ?? '',
});

/** Only what changed is sent, with the version read: the server answers 409 if someone saved in between. */
function changesOf(initial: FormValues, values: FormValues): EstablishmentChanges {
  const changes: Record<string, unknown> = {};
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  for (const key of Object.keys(values) as (keyof FormValues)[]) {
    if (values[key] === initial[key]) continue;
    const v = values[key];
    if (key === 'isOpen') changes.isOpen = v;
    else if (key === 'pupils') changes.pupils = v === '' ? null : Number(v);
    else if (key === 'name') changes.name = String(v).trim();
    else changes[key] = text(String(v));
  }
  return changes as EstablishmentChanges;
}

export function EstablishmentEditForm(props: { establishment: EstablishmentDetail; onDone: () => void; onReload: () => void }) {
  const e = props.establishment;
  const update = useUpdateEstablishment(e.uai);
  const units = useUnits(useCan('unit.read'));
  const conflict = isApiError(update.error, 409);
  const [initial] = useState(() => valuesOf(e));
  // the rules are PATCH /api/establishments/{uai}'s own, checked on what would be sent
  const form = useForm<FormValues>({
    initialValues: initial,
    validate: schemaValidator(updateEstablishmentInput, (values: FormValues) => ({ version: e.version, ...changesOf(initial, values) })),
  });

  const submit = form.onSubmit(async (values) => {
    const changes = changesOf(initial, values);
    if (Object.keys(changes).length === 0) return props.onDone();
    try {
      await update.mutateAsync({ version: e.version, ...changes });
      notifications.show({ color: 'teal', message: 'Modifications enregistrées.' });
      props.onDone();
    } catch (error) {
      showServerIssues(form, error);
    }
  });

  const reload = () => {
    props.onReload();
    props.onDone();
  };

  return (
    <Section title="Modifier l’établissement" id="modification">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {update.error && (
            <Alert color={conflict ? 'orange' : 'red'} icon={<IconAlertTriangle aria-hidden />} role="alert" title={conflict ? 'Modification concurrente' : 'Enregistrement impossible'}>
              <Stack gap="xs" align="flex-start">
                <span>{errorMessage(update.error)}</span>
                {conflict && (
                  <Button size="xs" variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={reload}>
                    Recharger la version actuelle
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
          <TextInput label="Nom" required {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Adresse" autoComplete="street-address" {...form.getInputProps('address')} />
            <TextInput label="Code postal" inputMode="numeric" maxLength={5} description="5 chiffres" autoComplete="postal-code" {...form.getInputProps('postalCode')} />
            <TextInput label="Commune" {...form.getInputProps('communeName')} />
            <TextInput label="Téléphone" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
            <TextInput label="Courriel" type="email" autoComplete="email" {...form.getInputProps('email')} />
            {/* negative or decimal numbers are kept as typed, so the schema refuses them on the field instead of silently changing them */}
            <NumberInput label="Nombre d’élèves" thousandSeparator=" " clampBehavior="none" {...form.getInputProps('pupils')} />
            <NativeSelect
              label="Éducation prioritaire"
              data={[
                { value: '', label: 'Hors éducation prioritaire' },
                { value: 'REP', label: 'REP' },
                { value: 'REP+', label: 'REP+' },
              ]}
              {...form.getInputProps('priorityEducation')}
            />
            {units.data && (
              <NativeSelect label="Unité territoriale" data={[{ value: '', label: 'Aucune' }, ...unitOptions(units.data.items)]} {...form.getInputProps('unitId')} />
            )}
          </SimpleGrid>
          <Checkbox label="Établissement ouvert" {...form.getInputProps('isOpen', { type: 'checkbox' })} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onDone}>
              Annuler
            </Button>
            <Button type="submit" loading={update.isPending} disabled={conflict}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
