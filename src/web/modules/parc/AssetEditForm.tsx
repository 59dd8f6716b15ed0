import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLock, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { updateAssetInput } from '../../../modules/parc/operations/update-asset.input';
import { errorMessage, isApiError } from '../../api/client';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Section } from '../../ui/Section';
import { establishmentQuery } from '../establishments/queries';
import {
  assetClasses,
  assetClassLabels,
  assetStatuses,
  assetStatusLabels,
  fundingSourceLabels,
  fundingSources,
  lockableFieldLabels,
  ownerKindLabels,
  ownerKinds,
} from './labels';
import { useUpdateAsset, type AssetChanges } from './queries';
import { SchoolSelect } from '../../ui/SchoolSelect';
import type { AssetDetail } from './types';

const textFields = [
  'name',
  'serial',
  'inventoryNumber',
  'manufacturer',
  'model',
  'osName',
  'osVersion',
  'supplier',
  'orderReference',
  'imageVersion',
  'purchaseDate',
  'warrantyEnd',
] as const;
type TextField = (typeof textFields)[number];

interface FormValues extends Record<TextField, string> {
  class: string;
  status: string;
  uai: string | null;
  roomId: string;
  ownerKind: string;
  funder: string;
  fundingSource: string;
  purchasePrice: number | string;
  lockedFields: string[];
  note: string;
}

const valuesOf = (a: AssetDetail): FormValues => ({
  ...(Object.fromEntries(textFields.map((f) => [f, (a[f] as string | null) ?? ''])) as Record<TextField, string>),
  class: a.class,
  status: a.status,
  uai: a.uai,
  roomId: a.roomId ?? '',
  ownerKind: a.ownerKind,
  funder: a.funder ?? '',
  fundingSource: a.fundingSource ?? '',
  purchasePrice: a.purchasePrice ?? '',
  lockedFields: [...a.lockedFields].sort(),
  note: '',
});

/** Only what changed is sent, with the version read: the server answers 409 if someone saved in between. */
function changesOf(initial: FormValues, values: FormValues): AssetChanges {
  const changes: Record<string, unknown> = {};
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  for (const f of textFields) if (values[f].trim() !== initial[f].trim()) changes[f] = text(values[f]);
  if (values.class !== initial.class) changes.class = values.class;
  if (values.status !== initial.status) changes.status = values.status;
  if (values.ownerKind !== initial.ownerKind) changes.ownerKind = values.ownerKind;
  if (values.funder !== initial.funder) changes.funder = values.funder || null;
  if (values.fundingSource !== initial.fundingSource) changes.fundingSource = values.fundingSource || null;
  if (values.purchasePrice !== initial.purchasePrice) changes.purchasePrice = values.purchasePrice === '' ? null : Number(values.purchasePrice);
  if (values.uai !== initial.uai || values.roomId !== initial.roomId) {
    changes.uai = values.uai;
    changes.roomId = values.roomId || null;
  }
  if ([...values.lockedFields].sort().join() !== initial.lockedFields.join()) changes.lockedFields = values.lockedFields;
  return changes as AssetChanges;
}

/** The codes' options; a stored value outside the list (older data, an import) stays shown as it is. */
const options = <T extends string>(codes: readonly T[], labels: Record<T, string>, empty?: string, current?: string) => [
  ...(empty ? [{ value: '', label: empty }] : []),
  ...codes.map((c) => ({ value: c, label: labels[c] })),
  ...(current && !(codes as readonly string[]).includes(current) ? [{ value: current, label: current }] : []),
];

export function AssetEditForm(props: { asset: AssetDetail; onDone: () => void; onReload: () => void }) {
  const a = props.asset;
  const [initial] = useState(() => valuesOf(a));
  const bodyOf = (v: FormValues) => ({ version: a.version, ...changesOf(initial, v), ...(v.note.trim() ? { note: v.note.trim() } : {}) });
  // PATCH /api/assets/{id}'s own schema, on what would be sent: each refusal on its field
  const form = useForm<FormValues>({ initialValues: initial, validate: schemaValidator(updateAssetInput, bodyOf) });
  const values = form.values;
  const update = useUpdateAsset(a.id);
  const conflict = isApiError(update.error, 409) && update.error.code === 'VERSION_CONFLICT';
  const school = useQuery({ ...establishmentQuery(values.uai ?? ''), enabled: Boolean(values.uai) });

  const input = (key: TextField) => form.getInputProps(key);
  const select = (key: 'class' | 'status' | 'ownerKind' | 'funder' | 'fundingSource' | 'roomId') => form.getInputProps(key);
  const lockHint = (field: string) =>
    values.lockedFields.includes(field) ? (
      <Text span size="xs" c="dimmed">
        <IconLock size={12} aria-hidden style={{ verticalAlign: 'middle' }} /> verrouillé contre l’agent
      </Text>
    ) : undefined;

  const submit = form.onSubmit(async (v) => {
    if (Object.keys(changesOf(initial, v)).length === 0) return props.onDone();
    try {
      await update.mutateAsync(bodyOf(v));
      notifications.show({ color: 'teal', message: 'Modifications enregistrées.' });
      props.onDone();
    } catch (error) {
      showServerIssues(form, error);
    }
  });

  const rooms = school.data?.rooms ?? [];
  const buildings = school.data?.buildings ?? [];
  const roomOptions = [
    { value: '', label: 'Aucune salle précise' },
    ...buildings.flatMap((b) => rooms.filter((r) => r.buildingId === b.id).map((r) => ({ value: r.id, label: `${b.name} — ${r.name}` }))),
  ];

  return (
    <Section title="Modifier l’équipement" id="modification">
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          {update.error && (
            <Alert color={conflict ? 'orange' : 'red'} icon={<IconAlertTriangle aria-hidden />} role="alert" title={conflict ? 'Modification concurrente' : 'Enregistrement impossible'}>
              <Stack gap="xs" align="flex-start">
                <span>{errorMessage(update.error)}</span>
                {conflict && (
                  <Button size="xs" variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => (props.onReload(), props.onDone())}>
                    Recharger la version actuelle
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
          <Fieldset legend="Identité et emplacement" variant="unstyled">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <NativeSelect label="Type" data={options(assetClasses, assetClassLabels)} {...select('class')} />
              <NativeSelect label="Statut" data={options(assetStatuses, assetStatusLabels)} {...select('status')} />
              <SchoolSelect
                label="École ou établissement"
                description={
                  values.lockedFields.includes('establishmentId')
                    ? 'Vide : stock de la collectivité. Verrouillé contre l’agent : son étiquette ne déplace pas l’équipement.'
                    : 'Vide : stock de la collectivité'
                }
                value={values.uai}
                onChange={(uai) => form.setValues({ uai, roomId: '' })}
                error={form.errors.uai as string | undefined}
              />
              <NativeSelect label="Salle" data={roomOptions} {...select('roomId')} disabled={!values.uai || rooms.length === 0} />
              <TextInput label="Nom" description={lockHint('name')} maxLength={200} {...input('name')} />
              <TextInput label="Numéro d’inventaire" maxLength={100} {...input('inventoryNumber')} />
              <TextInput label="Numéro de série" description={lockHint('serial')} maxLength={100} {...input('serial')} />
              <TextInput label="Fabricant" description={lockHint('manufacturer')} maxLength={200} {...input('manufacturer')} />
              <TextInput label="Modèle" description={lockHint('model')} maxLength={200} {...input('model')} />
              <TextInput label="Système d’exploitation" description={lockHint('osName')} maxLength={200} {...input('osName')} />
              <TextInput label="Version du système" description={lockHint('osVersion')} maxLength={100} {...input('osVersion')} />
              <TextInput label="Version de l’image (master)" maxLength={100} {...input('imageVersion')} />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend="Données administratives" variant="unstyled">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <NativeSelect label="Propriétaire" data={options(ownerKinds, ownerKindLabels, undefined, initial.ownerKind)} {...select('ownerKind')} />
              <NativeSelect label="Financeur" data={options(ownerKinds, ownerKindLabels, 'Non renseigné', initial.funder)} {...select('funder')} />
              <NativeSelect
                label="Source de financement"
                data={options(fundingSources, fundingSourceLabels, 'Non renseignée', initial.fundingSource)}
                {...select('fundingSource')}
              />
              <TextInput label="Fournisseur" maxLength={200} {...input('supplier')} />
              <TextInput label="Bon de commande" maxLength={100} {...input('orderReference')} />
              <TextInput label="Date d’achat" type="date" {...input('purchaseDate')} />
              <NumberInput
                label="Prix d’achat (€ TTC)"
                min={0}
                max={999_999_999}
                decimalScale={2}
                decimalSeparator=","
                thousandSeparator=" "
                clampBehavior="none"
                {...form.getInputProps('purchasePrice')}
              />
              <TextInput label="Fin de garantie" type="date" {...input('warrantyEnd')} />
            </SimpleGrid>
          </Fieldset>
          <Checkbox.Group
            label="Champs verrouillés contre l’agent"
            description="Un champ verrouillé garde la valeur saisie ici, quoi que l’agent rapporte. Un champ que vous modifiez est verrouillé automatiquement."
            {...form.getInputProps('lockedFields')}
          >
            <Group gap="md" mt="xs">
              {Object.entries(lockableFieldLabels).map(([field, label]) => (
                <Checkbox key={field} value={field} label={label} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea
            label="Motif de la modification"
            description="Facultatif ; figure dans l’historique (n° de ticket, dépôt de plainte…)"
            maxLength={500}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
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
