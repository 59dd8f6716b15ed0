import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { priceListInput } from '../../../modules/marches/operations/contract.input';
import { recurrenceLabels, recurrences } from '../../../shared/marches';
import { apiClient, call, errorMessage } from '../../api/client';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { marchesKey } from './queries';

interface ItemValues {
  code: string;
  label: string;
  unit: string;
  priceEuros: number | string;
  vatPercent: number | string;
  recurrence: string;
  warrantyMonths: number | string;
  cpvCode: string;
}
export interface PriceListValues {
  validFrom: string;
  note: string;
  items: ItemValues[];
}
interface PriceItem { code: string; label: string; unit: string; unitPriceExclTaxCents: number; vatRateBp: number; recurrence: string; warrantyMonths: number | null; cpvCode?: string | null }

const blankItem = (): ItemValues => ({ code: '', label: '', unit: '', priceEuros: '', vatPercent: 20, recurrence: 'one-off', warrantyMonths: '', cpvCode: '' });
const itemOf = (i: PriceItem): ItemValues => ({ code: i.code, label: i.label, unit: i.unit, priceEuros: i.unitPriceExclTaxCents / 100, vatPercent: i.vatRateBp / 100, recurrence: i.recurrence, warrantyMonths: i.warrantyMonths ?? '', cpvCode: i.cpvCode ?? '' });
const numberOrUndefined = (v: number | string) => (v === '' ? undefined : Number(v));

/** Euros typed (two decimals) to the integer cents the server stores; a percentage to basis points. */
export function priceListBody(v: PriceListValues) {
  return {
    validFrom: v.validFrom,
    note: v.note,
    items: v.items.map((i) => ({
      code: i.code,
      label: i.label,
      unit: i.unit,
      unitPriceExclTaxCents: i.priceEuros === '' ? undefined : Math.round(Number(i.priceEuros) * 100),
      vatRateBp: i.vatPercent === '' ? undefined : Math.round(Number(i.vatPercent) * 100),
      recurrence: i.recurrence,
      warrantyMonths: i.warrantyMonths === '' ? null : numberOrUndefined(i.warrantyMonths),
      cpvCode: i.cpvCode.trim() === '' ? null : i.cpvCode.trim(),
    })),
  };
}

/** The body's cents and basis points are the form's euros and percentages. */
export const priceListFieldOf = (path: string) => path.replace(/\.unitPriceExclTaxCents$/, '.priceEuros').replace(/\.vatRateBp$/, '.vatPercent');

/**
 * A new dated version of a lot's price list, prefilled with the latest version's items (a
 * revision usually changes a few prices). Checked by the operation's own schema; the server's
 * refusals (a date not after the version in force, a code twice) land on their fields.
 */
export function PriceListForm({ contractId, lot, onDone }: { contractId: string; lot: { id: string; number: number; priceLists: { items: PriceItem[] }[] }; onDone?: () => void }) {
  const client = useQueryClient();
  const latest = lot.priceLists.at(-1);
  const form = useForm<PriceListValues>({
    initialValues: { validFrom: '', note: '', items: latest?.items.length ? latest.items.map(itemOf) : [blankItem()] },
    validate: schemaValidator(priceListInput, priceListBody, priceListFieldOf),
  });
  const add = useMutation({ mutationFn: (v: PriceListValues) => call(apiClient.POST('/api/lots/{id}/price-lists', { params: { path: { id: lot.id } }, body: priceListBody(v) as never })) });
  const submit = form.onSubmit((v) =>
    add.mutate(v, {
      onSuccess: (c) => {
        client.setQueryData(marchesKey('contract', contractId), c);
        notifications.show({ color: 'teal', message: `Nouvelle version du bordereau du lot ${lot.number} enregistrée.` });
        onDone?.();
      },
      onError: (e) => showServerIssues(form, e, priceListFieldOf) || form.setErrors({ validFrom: errorMessage(e) }),
    }),
  );
  const n = lot.number;
  return (
    <form onSubmit={submit} aria-label={`Nouvelle version du bordereau du lot ${n}`} noValidate>
      <Card withBorder mt="sm">
        <Stack gap="sm">
          <Title order={4} size="h5">Nouvelle version du bordereau (lot {n})</Title>
          <Text size="sm" c="dimmed">Les versions publiées ne se réécrivent pas : la nouvelle prend effet à sa date, après la dernière ; une commande prend les prix en vigueur à sa date.</Text>
          <Group align="flex-start">
            <TextInput label="En vigueur à partir du" type="date" required {...form.getInputProps('validFrom')} />
            <TextInput label="Note (motif de la révision)" w={420} {...form.getInputProps('note')} />
          </Group>
          {form.values.items.map((_, index) => (
            <ItemRow key={index} index={index} form={form} onRemove={form.values.items.length > 1 ? () => form.removeListItem('items', index) : undefined} />
          ))}
          {typeof form.errors.items === 'string' && <Text c="red.8" size="sm">{form.errors.items}</Text>}
          <Group>
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('items', blankItem())}>Ajouter un prix</Button>
            <Button type="submit" loading={add.isPending}>Publier la version</Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}

function ItemRow({ index, form, onRemove }: { index: number; form: ReturnType<typeof useForm<PriceListValues>>; onRemove?: () => void }) {
  const k = index + 1;
  const field = (name: keyof ItemValues) => form.getInputProps(`items.${index}.${name}`);
  return (
    <Group align="flex-start" gap="xs" wrap="wrap">
      <TextInput label={`Code (prix ${k})`} required w={140} {...field('code')} />
      <TextInput label={`Libellé (prix ${k})`} required w={280} {...field('label')} />
      <TextInput label={`Unité (prix ${k})`} required w={110} {...field('unit')} />
      <NumberInput label={`Prix unitaire HT en € (prix ${k})`} required w={170} min={0} decimalScale={2} decimalSeparator="," thousandSeparator=" " {...field('priceEuros')} />
      <NumberInput label={`TVA en % (prix ${k})`} w={110} min={0} max={100} decimalScale={2} decimalSeparator="," {...field('vatPercent')} />
      <Select label={`Récurrence (prix ${k})`} w={130} allowDeselect={false} data={recurrences.map((r) => ({ value: r, label: recurrenceLabels[r] }))} {...field('recurrence')} />
      <NumberInput label={`Garantie en mois (prix ${k})`} w={140} min={0} allowDecimal={false} {...field('warrantyMonths')} />
      <TextInput label={`Code CPV (prix ${k})`} description="Vide : celui du marché" placeholder="30213000-5" w={150} {...field('cpvCode')} />
      {onRemove && (
        <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Retirer le prix ${k}`} onClick={onRemove}>
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      )}
    </Group>
  );
}
