import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowMerge } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { mergeAssetsInput } from '../../../modules/parc/operations/merge-assets.input';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { apiClient, call, errorMessage } from '../../api/client';
import { formatDateTime } from '../../labels';
import { assetLabel } from './columns';
import { classLabel } from './labels';
import { parcKey, useMergeAssets } from './queries';
import type { AssetSummary } from './types';

type Device = Pick<AssetSummary, 'id' | 'name' | 'serial' | 'inventoryNumber' | 'class' | 'establishmentName' | 'uai' | 'lastInventoryAt'>;

/** One line that tells two records of a machine apart: name, serial, school, last inventory. */
export function deviceLine(d: Device): string {
  return [
    assetLabel(d),
    d.serial && d.serial !== assetLabel(d) ? `série ${d.serial}` : null,
    d.inventoryNumber && d.inventoryNumber !== assetLabel(d) ? `inventaire ${d.inventoryNumber}` : null,
    classLabel(d.class),
    d.establishmentName ?? 'stock de la collectivité',
    d.lastInventoryAt ? `inventorié le ${formatDateTime(d.lastInventoryAt)}` : 'jamais inventorié',
  ]
    .filter(Boolean)
    .join(' — ');
}

interface MergeValues {
  /** The record that stays: the one the dialog starts from or the one picked. */
  keepId: string;
  reason: string;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The device the dialog starts from (kept by default). */
  current: Device;
  /** The other record when already known (two selected in the list); otherwise the dialog searches for it. */
  other?: Device | null;
}

/**
 * Merges two records of one machine after saying which stays: its id, school and status win; the
 * other's history, software and the values of fields empty on the kept one move over. Then opens
 * the kept record, whose « Rapprochements » section can undo the merge.
 */
export function MergeAssetsDialog({ opened, onClose, current, other: given }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Fusionner deux fiches d’un même équipement" size="lg" closeButtonProps={{ 'aria-label': 'Fermer' }}>
      {opened && <MergeForm current={current} given={given ?? null} onClose={onClose} />}
    </Modal>
  );
}

function MergeForm({ current, given, onClose }: { current: Device; given: Device | null; onClose: () => void }) {
  const [picked, setPicked] = useState<Device | null>(given);
  // the record an agent inventoried is usually the one to keep (its agent keeps reporting to it)
  const bodyOf = (v: MergeValues) => ({
    keepId: v.keepId === current.id ? current.id : (picked?.id ?? ''),
    mergeId: v.keepId === current.id ? (picked?.id ?? '') : current.id,
    reason: v.reason.trim() || undefined,
  });
  // the route's own schema: no other record picked is refused on the picker
  const form = useForm<MergeValues>({
    initialValues: { keepId: given && !current.lastInventoryAt && given.lastInventoryAt ? given.id : current.id, reason: '' },
    validate: schemaValidator(mergeAssetsInput, bodyOf),
  });
  const keepId = form.values.keepId;
  const merge = useMergeAssets();
  const navigate = useNavigate();

  const submit = form.onSubmit(async (values) => {
    if (!picked) return;
    const kept = values.keepId === current.id ? current : picked;
    const absorbed = values.keepId === current.id ? picked : current;
    try {
      await merge.mutateAsync(bodyOf(values));
      notifications.show({ color: 'teal', message: `Fiches fusionnées : « ${assetLabel(absorbed)} » est absorbée par « ${assetLabel(kept)} ».` });
      onClose();
      void navigate({ to: '/parc/$id', params: { id: kept.id } });
    } catch (error) {
      // the message is shown below; the fields it names are marked
      showServerIssues(form, error);
    }
  });

  const kept = picked && keepId === picked.id ? picked : current;
  const absorbed = picked ? (keepId === picked.id ? current : picked) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {merge.error && (
          <Alert color="red" role="alert" title="Fusion impossible">
            {errorMessage(merge.error)}
          </Alert>
        )}
        {!given && (
          <OtherDevicePicker
            exclude={current.id}
            picked={picked}
            error={form.errors.mergeId ?? null}
            onPick={(d) => {
              setPicked(d);
              form.clearFieldError('mergeId');
            }}
          />
        )}
        {picked && (
          <Radio.Group label="Fiche conservée" description="Son identifiant, son établissement, sa salle et son statut restent." {...form.getInputProps('keepId')} name="conservee">
            <Stack gap="sm" mt="xs">
              {[current, picked].map((d) => (
                <Radio key={d.id} value={d.id} label={deviceLine(d)} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {picked && absorbed && (
          <Alert color="orange" variant="light" title="Ce que fait la fusion">
            <Text size="sm">
              La fiche « {assetLabel(kept)} » est conservée. La fiche « {assetLabel(absorbed)} » disparaît : son historique, ses logiciels et les valeurs des champs vides de la fiche conservée
              passent sur celle-ci. La fusion figure dans l’historique et peut être annulée depuis la section « Rapprochements » de la fiche conservée.
            </Text>
          </Alert>
        )}
        <Textarea label="Motif" description="Figure dans l’historique" {...form.getInputProps('reason')} maxLength={500} autosize minRows={2} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button type="submit" leftSection={<IconArrowMerge size={16} aria-hidden />} loading={merge.isPending} disabled={!picked}>
            Fusionner
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Searches the fleet (name, serial, MAC, inventory number) for the other record of the machine. */
function OtherDevicePicker(props: { exclude: string; picked: Device | null; error: ReactNode; onPick: (d: Device) => void }) {
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    queryKey: parcKey('merge-candidates', search),
    queryFn: ({ signal }) => call(apiClient.GET('/api/assets', { params: { query: { search, pageSize: 10 } }, signal })),
    enabled: search.length >= 2,
  });
  const items = (found.data?.items ?? []).filter((d) => d.id !== props.exclude);
  return (
    <Stack gap="xs">
      <TextInput
        label="Autre fiche du même équipement"
        description="Nom, numéro de série, adresse MAC ou numéro d’inventaire (2 caractères au moins)"
        type="search"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={props.error}
        data-autofocus
      />
      {search.length >= 2 && found.data && (
        <Radio.Group
          label="Résultats"
          value={props.picked?.id ?? ''}
          onChange={(id) => {
            const d = items.find((i) => i.id === id);
            if (d) props.onPick(d);
          }}
          name="autre-fiche"
        >
          <Stack gap="xs" mt="xs">
            {items.length === 0 ? (
              <Text size="sm" c="dimmed" role="status">
                Aucune autre fiche ne correspond.
              </Text>
            ) : (
              items.map((d) => <Radio key={d.id} value={d.id} label={deviceLine(d)} />)
            )}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}
