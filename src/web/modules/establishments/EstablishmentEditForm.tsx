import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { errorMessage, isApiError } from '../../api';
import { useCan } from '../../session/session';
import { Section } from '../../ui/Section';
import { unitOptions, useUnits } from '../units/queries';
import { useUpdateEstablishment, type EstablishmentChanges } from './queries';
import type { EstablishmentDetail } from './types';

interface FormValues {
  name: string;
  address: string;
  postalCode: string;
  communeName: string;
  phone: string;
  email: string;
  pupils: number | '';
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
  const [initial] = useState(() => valuesOf(e));
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const update = useUpdateEstablishment(e.uai);
  const units = useUnits(useCan('unit.read'));
  const conflict = isApiError(update.error, 409);

  const set = <K extends keyof FormValues>(key: K) => (value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const input = (key: Exclude<keyof FormValues, 'pupils' | 'isOpen'>) => ({
    value: values[key] as string,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(key)(event.currentTarget.value as never),
    error: fieldErrors[key],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFieldErrors({});
    if (!values.name.trim()) {
      setFieldErrors({ name: 'Le nom est obligatoire.' });
      return;
    }
    const changes = changesOf(initial, values);
    if (Object.keys(changes).length === 0) return props.onDone();
    try {
      await update.mutateAsync({ version: e.version, ...changes });
      notifications.show({ color: 'teal', message: 'Modifications enregistrées.' });
      props.onDone();
    } catch (error) {
      if (isApiError(error)) setFieldErrors(Object.fromEntries(error.issues.map((i) => [i.path.split('.').pop() ?? i.path, i.message])));
    }
  };

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
          <TextInput label="Nom" required {...input('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Adresse" autoComplete="street-address" {...input('address')} />
            <TextInput label="Code postal" inputMode="numeric" maxLength={5} description="5 chiffres" autoComplete="postal-code" {...input('postalCode')} />
            <TextInput label="Commune" {...input('communeName')} />
            <TextInput label="Téléphone" type="tel" autoComplete="tel" {...input('phone')} />
            <TextInput label="Courriel" type="email" autoComplete="email" {...input('email')} />
            <NumberInput
              label="Nombre d’élèves"
              min={0}
              max={20000}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=" "
              value={values.pupils}
              onChange={(v) => set('pupils')(v === '' ? '' : Number(v))}
              error={fieldErrors.pupils}
            />
            <NativeSelect
              label="Éducation prioritaire"
              data={[
                { value: '', label: 'Hors éducation prioritaire' },
                { value: 'REP', label: 'REP' },
                { value: 'REP+', label: 'REP+' },
              ]}
              {...input('priorityEducation')}
            />
            {units.data && (
              <NativeSelect label="Unité territoriale" data={[{ value: '', label: 'Aucune' }, ...unitOptions(units.data.items)]} {...input('unitId')} />
            )}
          </SimpleGrid>
          <Checkbox label="Établissement ouvert" checked={values.isOpen} onChange={(ev) => set('isOpen')(ev.currentTarget.checked)} />
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
