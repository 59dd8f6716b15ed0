import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { euros } from '../labels';
import { useContractLots, useContractsInForce, useDraftOrder, useLotItems } from './queries';

/**
 * One step from an accepted file to a draft order: the user picks a contract and a lot, then the
 * lot's price item for each device class; marchés checks the price list and the ceilings.
 */
export function DraftOrderForm({ kind, fileId, classes }: { kind: 'renewal' | 'project'; fileId: string; classes: { assetClass: string; label: string; quantity: number }[] }) {
  const [contractId, setContractId] = useState<string | null>(null);
  const [lotId, setLotId] = useState<string | null>(null);
  const [items, setItems] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<string | null>(null);
  const contracts = useContractsInForce(true);
  const contract = useContractLots(contractId);
  const priceItems = useLotItems(lotId);
  const order = useDraftOrder(kind, fileId);
  const itemOptions = (priceItems.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} — ${i.label} (${euros(i.unitPriceExclTaxCents)} HT)` }));
  const ready = !!contractId && !!lotId && classes.every((c) => !!items[c.assetClass]);
  const submit = () =>
    order.mutate(
      { contractId: contractId!, lotId: lotId!, items: classes.map((c) => ({ assetClass: c.assetClass, priceItemId: items[c.assetClass]! })) },
      {
        onSuccess: (o) => {
          setError(null);
          notifications.show({ color: 'teal', message: `Bon de commande ${o.reference} créé en brouillon (${euros(o.totalExclTaxCents)} HT).` });
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  return (
    <Stack gap="sm">
      <Text size="sm">Choisissez le lot du marché et, pour chaque classe d’équipement, l’article du bordereau de prix : un bon de commande brouillon est créé.</Text>
      <Group grow align="flex-start">
        <Select
          label="Marché"
          placeholder="Choisir un marché en vigueur"
          data={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.reference} — ${c.object}` }))}
          value={contractId}
          onChange={(v) => {
            setContractId(v);
            setLotId(null);
            setItems({});
          }}
          searchable
        />
        <Select
          label="Lot"
          placeholder="Choisir un lot"
          disabled={!contractId}
          data={(contract.data?.lots ?? []).map((l) => ({ value: l.id, label: `Lot ${l.number} — ${l.title}` }))}
          value={lotId}
          onChange={(v) => {
            setLotId(v);
            setItems({});
          }}
        />
      </Group>
      {classes.map((c) => (
        <Select
          key={c.assetClass}
          label={`${c.label} (${c.quantity})`}
          placeholder="Article du bordereau"
          disabled={!lotId}
          data={itemOptions}
          value={items[c.assetClass] ?? null}
          onChange={(v) => setItems((prev) => ({ ...prev, [c.assetClass]: v }))}
          searchable
        />
      ))}
      {error ? (
        <Alert color="red" title="Commande refusée">
          {error}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={submit} disabled={!ready} loading={order.isPending}>
          Créer le bon de commande brouillon
        </Button>
      </Group>
    </Stack>
  );
}
