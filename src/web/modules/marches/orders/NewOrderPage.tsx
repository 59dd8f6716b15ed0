import { ActionIcon, Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { createOrderInput } from '../../../../modules/marches/orders/operations/order.input';
import { errorMessage } from '../../../api/client';
import { establishmentQuery } from '../../establishments/queries';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Guard } from '../../../ui/Guard';
import { PageHeader } from '../../../ui/PageHeader';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { euros } from '../format';
import { useContracts } from '../queries';
import { useBudgetLines, useContractDetail, useCreateOrder } from './queries';

interface LineValues { priceItemId: string; quantity: number | string; uai: string | null; roomId: string | null }
interface OrderValues { contractId: string; lotId: string; orderDate: string; budgetLineId: string | null; lines: LineValues[] }

const emptyLine = (): LineValues => ({ priceItemId: '', quantity: 1, uai: null, roomId: null });
const today = () => new Date().toISOString().slice(0, 10);

const toBody = (v: OrderValues) => ({
  contractId: v.contractId,
  lotId: v.lotId,
  orderDate: v.orderDate,
  budgetLineId: v.budgetLineId ?? undefined,
  lines: v.lines.map((l) => ({ priceItemId: l.priceItemId, quantity: Number(l.quantity), uai: l.uai ?? '', roomId: l.roomId })),
});

/** Totals as the server computes them (states.ts lineTotals): VAT rounded to the cent per line. */
export function orderTotals(lines: { unitPriceExclTaxCents: number; vatRateBp: number; quantity: number }[]) {
  let exclTax = 0;
  let vat = 0;
  for (const l of lines) {
    const ht = l.unitPriceExclTaxCents * l.quantity;
    exclTax += ht;
    vat += Math.round((ht * l.vatRateBp) / 10_000);
  }
  return { exclTax, vat, inclTax: exclTax + vat };
}

export function NewOrderPage() {
  return (
    <Guard permission="order.place">
      <NewOrder />
    </Guard>
  );
}

function NewOrder() {
  const navigate = useNavigate();
  const create = useCreateOrder();
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm<OrderValues>({
    initialValues: { contractId: '', lotId: '', orderDate: today(), budgetLineId: null, lines: [emptyLine()] },
    validate: schemaValidator(createOrderInput, toBody),
  });
  const contracts = useContracts({ kind: 'framework-orders', page: 1 });
  const contract = useContractDetail(form.values.contractId || undefined);
  const year = Number(form.values.orderDate.slice(0, 4)) || undefined;
  const budget = useBudgetLines({ year });
  const lot = contract.data?.lots.find((l) => l.id === form.values.lotId);
  // the price list in force on the order's date: the latest revision that had started by then
  const list = lot?.priceLists.filter((p) => p.validFrom <= form.values.orderDate).at(-1);
  const items = new Map((list?.items ?? []).map((i) => [i.id, i]));
  const priced = form.values.lines.flatMap((l) => {
    const item = items.get(l.priceItemId);
    return item ? [{ ...item, quantity: Number(l.quantity) || 0 }] : [];
  });
  const totals = orderTotals(priced);

  const submit = form.onSubmit(async (values) => {
    setRefusal(null);
    try {
      const order = await create.mutateAsync(toBody(values));
      notifications.show({ color: 'teal', message: `Bon de commande ${order.reference} enregistré en brouillon.` });
      await navigate({ to: '/marches/commandes/$id', params: { id: order.id } });
    } catch (error) {
      // a ceiling's refusal (409) names what is left; field issues go on their fields too
      showServerIssues(form, error);
      setRefusal(errorMessage(error));
    }
  });

  return (
    <>
      <PageHeader title="Nouvelle commande" subtitle="Sur le bordereau de prix d’un lot en vigueur à la date de la commande, pour vos sites, imputée sur une de vos lignes budgétaires." />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={1100}>
          {refusal && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Commande refusée" role="alert">
              {refusal}
            </Alert>
          )}
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, md: 4 }}>
              <Select
                label="Marché"
                required
                searchable
                data={(contracts.data?.items ?? []).filter((c) => c.status === 'notified').map((c) => ({ value: c.id, label: `${c.reference} : ${c.object}` }))}
                {...form.getInputProps('contractId')}
                onChange={(v) => form.setValues({ contractId: v ?? '', lotId: '', lines: [emptyLine()] })}
              />
              <Select
                label="Lot"
                required
                disabled={!contract.data}
                data={(contract.data?.lots ?? []).map((l) => ({ value: l.id, label: `Lot ${l.number} : ${l.title}` }))}
                {...form.getInputProps('lotId')}
                onChange={(v) => form.setValues({ lotId: v ?? '', lines: [emptyLine()] })}
              />
              <TextInput label="Date de la commande" type="date" required {...form.getInputProps('orderDate')} />
              <Select
                label="Ligne budgétaire"
                description="Par défaut : celle de l’année qui a le plus de reste"
                clearable
                data={(budget.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.label} (reste ${euros(b.remainingCents)})` }))}
                {...form.getInputProps('budgetLineId')}
              />
            </SimpleGrid>
            {lot && (
              <Text size="sm" mt="sm" c="dimmed">
                {list ? `Bordereau v${list.revision} en vigueur depuis le ${list.validFrom.split('-').reverse().join('/')}. ` : 'Aucun bordereau en vigueur à cette date. '}
                Reste sur le maximum du lot : {euros(lot.remainingExclTaxCents)}.
              </Text>
            )}
          </Card>
          <Card withBorder>
            <Text fw={600} mb="sm">Lignes</Text>
            <Stack gap="sm">
              {form.values.lines.map((line, index) => (
                <OrderLine key={index} index={index} line={line} form={form} items={[...items.values()]} onRemove={form.values.lines.length > 1 ? () => form.removeListItem('lines', index) : undefined} />
              ))}
              <Group>
                <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('lines', emptyLine())} disabled={!list}>
                  Ajouter une ligne
                </Button>
              </Group>
            </Stack>
          </Card>
          <Card withBorder>
            <Table w={360} aria-label="Totaux de la commande">
              <Table.Tbody>
                <Table.Tr><Table.Th scope="row">Total HT</Table.Th><Table.Td ta="right" data-testid="total-ht">{euros(totals.exclTax)}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th scope="row">TVA</Table.Th><Table.Td ta="right">{euros(totals.vat)}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th scope="row">Total TTC</Table.Th><Table.Td ta="right">{euros(totals.inclTax)}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
          </Card>
          <Group>
            <Button type="submit" loading={create.isPending}>Enregistrer la commande</Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

type Item = { id: string; code: string; label: string; unit: string; unitPriceExclTaxCents: number; recurrence: string };

function OrderLine({ index, line, form, items, onRemove }: { index: number; line: LineValues; form: ReturnType<typeof useForm<OrderValues>>; items: Item[]; onRemove?: () => void }) {
  const site = useQuery({ ...establishmentQuery(line.uai ?? ''), enabled: Boolean(line.uai), retry: false });
  const rooms = site.data?.rooms ?? [];
  const n = index + 1;
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Select
        label={`Article (ligne ${n})`}
        required
        searchable
        w={340}
        data={items.map((i) => ({ value: i.id, label: `${i.code} · ${i.label} · ${euros(i.unitPriceExclTaxCents)} HT/${i.unit}` }))}
        {...form.getInputProps(`lines.${index}.priceItemId`)}
      />
      <NumberInput label={`Quantité (ligne ${n})`} required min={1} w={130} allowDecimal={false} {...form.getInputProps(`lines.${index}.quantity`)} />
      <div style={{ width: 300 }}>
        <SchoolSelect label={`Site (ligne ${n})`} required typedUaiFirst value={line.uai} error={form.errors[`lines.${index}.uai`] as string | undefined} onChange={(uai) => form.setFieldValue(`lines.${index}`, { ...line, uai, roomId: null })} />
      </div>
      <Select label={`Salle (ligne ${n})`} placeholder="Facultatif" clearable disabled={rooms.length === 0} w={200} data={rooms.map((r) => ({ value: r.id, label: r.name }))} {...form.getInputProps(`lines.${index}.roomId`)} />
      {onRemove && (
        <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Retirer la ligne ${n}`} onClick={onRemove}>
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      )}
    </Group>
  );
}
