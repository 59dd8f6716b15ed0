import { Badge, Button, Group, Table, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { recurrenceLabels, type Recurrence } from '../../../shared/marches';
import { euros, frenchDay } from './format';
import { PriceListForm } from './PriceListForm';

interface PriceItem { id: string; code: string; label: string; unit: string; unitPriceExclTaxCents: number; vatRateBp: number; recurrence: string; warrantyMonths: number | null; cpvCode: string | null }
interface PriceList { id: string; revision: number; validFrom: string; note: string; items: PriceItem[] }
interface Lot { id: string; number: number; priceLists: PriceList[] }

/** The version in force on a day: the latest that had started by then (the server's rule for an order's prices). */
export const priceListInForce = <P extends { validFrom: string }>(lists: P[], on: string): P | undefined => lists.filter((p) => p.validFrom <= on).at(-1);

const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** A lot's price-list versions, the one in force on `on` marked and open, and (for the buyer) the form of the next version. */
export function LotPriceLists({ contractId, lot, on, canManage }: { contractId: string; lot: Lot; on: string; canManage: boolean }) {
  const [adding, setAdding] = useState(false);
  const lists = lot.priceLists;
  const inForce = priceListInForce(lists, on);
  return (
    <>
      <Text size="sm" mb="xs" data-testid={`lot-${lot.number}-in-force`}>
        {inForce ? `Le ${frenchDay(on)} : bordereau v${inForce.revision}, en vigueur depuis le ${frenchDay(inForce.validFrom)}.` : lists.length ? `Le ${frenchDay(on)} : aucun bordereau en vigueur (le premier prend effet le ${frenchDay(lists[0].validFrom)}).` : 'Pas encore de bordereau de prix.'}
      </Text>
      {lists.length > 0 && (
        <Tabs key={`${inForce?.id ?? 'none'}-${lists.length}`} defaultValue={String((inForce ?? lists.at(-1))!.revision)}>
          <Tabs.List>
            {lists.map((p, i) => (
              <Tabs.Tab key={p.id} value={String(p.revision)} rightSection={p === inForce ? <Badge size="xs" color="teal.9" variant="outline">en vigueur</Badge> : undefined}>
                v{p.revision} : du {frenchDay(p.validFrom)}{lists[i + 1] ? ` au ${frenchDay(dayBefore(lists[i + 1].validFrom))}` : ''}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {lists.map((p) => (
            <Tabs.Panel key={p.id} value={String(p.revision)} pt="xs">
              {p.note && <Text size="sm" c="dimmed">{p.note}</Text>}
              <Table aria-label={`Bordereau v${p.revision} du lot ${lot.number}`}>
                <Table.Thead><Table.Tr><Table.Th>Code</Table.Th><Table.Th>Libellé</Table.Th><Table.Th>Unité</Table.Th><Table.Th>Prix unitaire HT</Table.Th><Table.Th>TVA</Table.Th><Table.Th>Récurrence</Table.Th><Table.Th>Garantie</Table.Th><Table.Th>Code CPV</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {p.items.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>{i.code}</Table.Td><Table.Td>{i.label}</Table.Td><Table.Td>{i.unit}</Table.Td><Table.Td>{euros(i.unitPriceExclTaxCents)}</Table.Td>
                      <Table.Td>{(i.vatRateBp / 100).toLocaleString('fr-FR')} %</Table.Td><Table.Td>{recurrenceLabels[i.recurrence as Recurrence]}</Table.Td><Table.Td>{i.warrantyMonths === null ? '—' : `${i.warrantyMonths} mois`}</Table.Td><Table.Td>{i.cpvCode ?? <Text span size="sm" c="dimmed">celui du marché</Text>}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
      {canManage && (
        <Group mt="xs">
          <Button variant="light" size="xs" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {adding ? 'Fermer la nouvelle version' : `Nouvelle version du bordereau du lot ${lot.number}`}
          </Button>
        </Group>
      )}
      {canManage && adding && <PriceListForm contractId={contractId} lot={lot} onDone={() => setAdding(false)} />}
    </>
  );
}
