import { Alert, Button, Group, Modal, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowMerge, IconArrowsRightLeft, IconArchive, IconBoxSeam, IconHandGrab, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { bulkAssetsInput } from '../../../modules/parc/operations/bulk-update-assets.input';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { apiClient, call, errorMessage } from '../../api/client';
import { formatNumber } from '../../labels';
import { establishmentQuery } from '../establishments/queries';
import { plural } from './labels';
import { MergeAssetsDialog } from './MergeAssetsDialog';
import { useBulkAssets, type BulkAction } from './queries';
import { SchoolSelect } from '../../ui/SchoolSelect';
import type { AssetSummary } from './types';

type Kind = 'move' | 'retire' | 'lend' | 'return' | 'cart' | 'uncart';

const titles: Record<Kind, string> = {
  move: 'Déplacer vers une salle',
  retire: 'Réformer',
  lend: 'Prêter',
  return: 'Enregistrer le retour de prêt',
  cart: 'Ranger dans une classe mobile',
  uncart: 'Sortir de leur classe mobile',
};

const submitLabels: Record<Kind, string> = {
  move: 'Déplacer',
  retire: 'Réformer',
  lend: 'Prêter',
  return: 'Enregistrer le retour',
  cart: 'Ranger',
  uncart: 'Sortir',
};

interface Props {
  /** The selected devices of the current page (the selection is cleared when the page changes). */
  selected: AssetSummary[];
  onDone: () => void;
}

/** One action on the selected devices; all or nothing on the server (one out of scope refuses the lot). */
export function BulkActions({ selected, onDone }: Props) {
  const [open, setOpen] = useState<Kind | null>(null);
  const [merging, setMerging] = useState(false);
  const n = selected.length;
  if (n === 0) return null;
  const noun = `${formatNumber(n)} ${plural(n, 'équipement')}`;
  return (
    <Paper withBorder p="sm" radius="md" bg="coherence.0" role="region" aria-label="Actions sur la sélection">
      <Group justify="space-between" gap="sm">
        <Text fw={600} role="status" aria-live="polite">
          {noun} {plural(n, 'sélectionné')}
        </Text>
        <Group gap="xs">
          <Button size="sm" leftSection={<IconArrowsRightLeft size={16} aria-hidden />} onClick={() => setOpen('move')}>
            Déplacer vers une salle
          </Button>
          <Button size="sm" variant="default" leftSection={<IconHandGrab size={16} aria-hidden />} onClick={() => setOpen('lend')}>
            Prêter
          </Button>
          <Button size="sm" variant="default" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={() => setOpen('return')}>
            Retour de prêt
          </Button>
          <Button size="sm" variant="default" leftSection={<IconBoxSeam size={16} aria-hidden />} onClick={() => setOpen('cart')}>
            Ranger dans une classe mobile
          </Button>
          <Button size="sm" variant="default" onClick={() => setOpen('uncart')}>
            Sortir de la classe mobile
          </Button>
          {n === 2 && (
            // two records of one machine (a purchase line and the device an agent found): one absorbs the other
            <Button size="sm" variant="default" leftSection={<IconArrowMerge size={16} aria-hidden />} onClick={() => setMerging(true)}>
              Fusionner
            </Button>
          )}
          <Button size="sm" variant="default" color="red" leftSection={<IconArchive size={16} aria-hidden />} onClick={() => setOpen('retire')}>
            Réformer
          </Button>
          <Button size="sm" variant="subtle" leftSection={<IconX size={16} aria-hidden />} onClick={onDone}>
            Désélectionner
          </Button>
        </Group>
      </Group>
      {n === 2 && <MergeAssetsDialog opened={merging} onClose={() => setMerging(false)} current={selected[0]} other={selected[1]} />}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? `${titles[open]} — ${noun}` : ''} size="lg" closeButtonProps={{ 'aria-label': 'Fermer' }}>
        {open && (
          <BulkForm
            kind={open}
            selected={selected}
            onClose={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onDone();
            }}
          />
        )}
      </Modal>
    </Paper>
  );
}

interface BulkValues {
  uai: string | null;
  roomId: string;
  note: string;
  borrower: string;
  until: string;
  cartId: string;
}

function BulkForm({ kind, selected, onClose, onDone }: { kind: Kind; selected: AssetSummary[]; onClose: () => void; onDone: () => void }) {
  const schools = [...new Set(selected.map((a) => a.uai))];
  const ids = selected.map((a) => a.id);
  const bodyOf = (v: BulkValues): BulkAction => {
    const note = v.note.trim() || undefined;
    switch (kind) {
      case 'move':
        return { action: 'move', ids, uai: v.uai, roomId: v.roomId || null, note };
      case 'retire':
        return { action: 'set-status', ids, status: 'retired', note };
      case 'lend':
        return { action: 'lend', ids, borrower: v.borrower.trim(), until: v.until, note };
      case 'cart':
        return { action: 'put-in-cart', ids, cartId: v.cartId, note };
      case 'uncart':
        return { action: 'take-out-of-cart', ids, note };
      case 'return':
        return { action: 'return', ids, note };
    }
  };
  // the route's own schema: a loan without borrower or return date, a cart not chosen, each refused on its field
  const form = useForm<BulkValues>({
    initialValues: { uai: schools.length === 1 ? schools[0] : null, roomId: '', note: '', borrower: '', until: '', cartId: '' },
    validate: schemaValidator(bulkAssetsInput, bodyOf),
  });
  const { uai } = form.values;
  const bulk = useBulkAssets();
  // the mobile carts of the selection's school (a cart holds devices of its own school)
  const carts = useQuery({
    queryKey: ['parc', 'carts', schools[0] ?? ''],
    queryFn: ({ signal }) => call(apiClient.GET('/api/assets', { params: { query: { class: 'mobile-cart', uai: schools[0] ?? undefined, pageSize: 200 } }, signal })),
    enabled: kind === 'cart',
  });
  const school = useQuery({ ...establishmentQuery(uai ?? ''), enabled: kind === 'move' && Boolean(uai) });

  const submit = form.onSubmit(async (values) => {
    try {
      const result = await bulk.mutateAsync(bodyOf(values));
      const unchanged = result.unchanged ? ` ; ${formatNumber(result.unchanged)} ${plural(result.unchanged, 'était', 'étaient')} déjà dans cet état` : '';
      notifications.show({ color: 'teal', message: `${formatNumber(result.changed)} ${plural(result.changed, 'équipement modifié', 'équipements modifiés')}${unchanged}.` });
      onDone();
    } catch (error) {
      // the message is shown below; the fields it names are marked
      showServerIssues(form, error);
    }
  });

  const rooms = school.data?.rooms ?? [];
  const buildings = school.data?.buildings ?? [];
  const roomOptions = [
    { value: '', label: 'Aucune salle précise' },
    ...buildings.flatMap((b) => rooms.filter((r) => r.buildingId === b.id).map((r) => ({ value: r.id, label: `${b.name} — ${r.name}` }))),
  ];

  let fields: ReactNode = null;
  if (kind === 'move') {
    fields = (
      <>
        <SchoolSelect
          label="Établissement de destination"
          description="Laisser vide pour ramener le matériel au stock de la collectivité"
          value={uai}
          onChange={(v) => {
            form.setFieldValue('uai', v);
            form.setFieldValue('roomId', '');
          }}
          error={form.errors.uai as string | undefined}
        />
        <NativeSelect
          label="Salle"
          description={uai && school.data && rooms.length === 0 ? 'Aucune salle n’est décrite pour cet établissement (fiche de l’établissement, « Bâtiments et salles »).' : undefined}
          data={roomOptions}
          {...form.getInputProps('roomId')}
          disabled={!uai || rooms.length === 0}
        />
      </>
    );
  } else if (kind === 'lend') {
    fields = (
      <>
        <Text size="sm">Une classe mobile est prêtée avec tout ce qu’elle contient.</Text>
        <TextInput
          label="Prêté à"
          description="Classe, projet ou enseignant"
          required
          {...form.getInputProps('borrower')}
          maxLength={200}
        />
        <TextInput
          label="Retour prévu le"
          type="date"
          required
          {...form.getInputProps('until')}
        />
      </>
    );
  } else if (kind === 'cart') {
    const options = (carts.data?.items ?? []).filter((c) => !ids.includes(c.id));
    fields = (
      <NativeSelect
        label="Classe mobile"
        description={
          schools.length > 1
            ? 'Les équipements choisis sont dans plusieurs établissements : choisissez-les dans un seul.'
            : carts.data && options.length === 0
              ? 'Aucune classe mobile dans cet établissement : créez-en une (type « Classe mobile »).'
              : 'Les équipements rejoignent l’établissement et la salle de la classe mobile.'
        }
        required
        data={[{ value: '', label: 'Choisir…' }, ...options.map((c) => ({ value: c.id, label: c.name ?? c.serial ?? c.id }))]}
        {...form.getInputProps('cartId')}
        disabled={schools.length > 1}
      />
    );
  } else if (kind === 'retire') {
    fields = (
      <Alert color="orange" variant="light">
        Les équipements réformés sortent du parc : ils ne comptent plus dans les tableaux de bord ni dans la prévision de renouvellement.
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {bulk.error && (
          <Alert color="red" role="alert" title="Action impossible">
            {errorMessage(bulk.error)}
          </Alert>
        )}
        {fields}
        <Textarea
          label="Motif ou commentaire"
          description="Figure dans l’historique de chaque équipement"
          {...form.getInputProps('note')}
          maxLength={500}
          autosize
          minRows={2}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button type="submit" loading={bulk.isPending} color={kind === 'retire' ? 'red' : undefined}>
            {submitLabels[kind]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
