import { Alert, Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, errorMessage, type ApiIssue } from '../../../api/client';
import { FilePicker } from '../../../ui/FilePicker';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { useCan } from '../../../session/session';
import { euros, frenchDay } from '../format';
import { StatusBadge } from './OrdersPage';
import { useAcknowledge, useChangeStatus, useDeliveryFile, useInvoice, useOrder, useTypedDelivery, type OrderDetail } from './queries';

const routeApi = getRouteApi('/app/marches/commandes/$id');

export function OrderPage() {
  return (
    <Guard permission="order.read">
      <Order />
    </Guard>
  );
}

function Order() {
  const { id } = routeApi.useParams();
  const query = useOrder(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} />;
  const o = query.data;
  return (
    <>
      <PageHeader title={`Bon de commande ${o.reference}`} subtitle={`${o.memberName} · lot ${o.lotNumber} : ${o.lotTitle}${o.holderName ? ` · titulaire ${o.holderName}` : ''}`} actions={<StatusActions order={o} />} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          <Card withBorder><Text size="sm" c="dimmed">État</Text><StatusBadge status={o.status} />{o.acknowledgedAt && <Text size="xs" mt={4}>Reçu par le titulaire le {frenchDay(o.acknowledgedAt)}</Text>}</Card>
          <Card withBorder><Text size="sm" c="dimmed">Date</Text><Text>{frenchDay(o.orderDate)}</Text></Card>
          <Card withBorder><Text size="sm" c="dimmed">Total HT · TVA</Text><Text>{euros(o.totalExclTaxCents)} · {euros(o.totalVatCents)}</Text></Card>
          <Card withBorder><Text size="sm" c="dimmed">Total TTC</Text><Text fw={600}>{euros(o.totalInclTaxCents)}</Text></Card>
        </SimpleGrid>
        <Title order={2} size="h3">Lignes</Title>
        <Table striped>
          <Table.Caption>Lignes de la commande</Table.Caption>
          <Table.Thead>
            <Table.Tr><Table.Th>N°</Table.Th><Table.Th>Article</Table.Th><Table.Th>Site</Table.Th><Table.Th ta="right">Prix unitaire HT</Table.Th><Table.Th ta="right">Quantité</Table.Th><Table.Th ta="right">Livré</Table.Th><Table.Th ta="right">Total HT</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.lines.map((l) => (
              <Table.Tr key={l.lineNo}>
                <Table.Td>{l.lineNo}</Table.Td>
                <Table.Td>{l.code} · {l.label}</Table.Td>
                <Table.Td>{l.establishmentName} ({l.uai})</Table.Td>
                <Table.Td ta="right">{euros(l.unitPriceExclTaxCents)}</Table.Td>
                <Table.Td ta="right">{l.quantity}</Table.Td>
                <Table.Td ta="right">{l.deliveredQuantity}</Table.Td>
                <Table.Td ta="right">{euros(l.totalExclTaxCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Deliveries order={o} />
        <Invoices order={o} />
      </Stack>
    </>
  );
}

function StatusActions({ order }: { order: OrderDetail }) {
  const change = useChangeStatus(order.id);
  const acknowledge = useAcknowledge(order.id);
  const canFulfil = useCan('order.fulfil');
  const canPay = useCan('budget.manage') && order.status === 'invoiced';
  const run = async (status: 'signed' | 'sent' | 'cancelled' | 'paid', done: string) => {
    try {
      await change.mutateAsync({ status, version: order.version });
      notifications.show({ color: 'teal', message: done });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Action refusée', message: errorMessage(error) });
    }
  };
  const ack = async () => {
    try {
      await acknowledge.mutateAsync(undefined);
      notifications.show({ color: 'teal', message: 'Réception du bon de commande confirmée.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Action refusée', message: errorMessage(error) });
    }
  };
  const p = order.permissions;
  return (
    <Group gap="sm">
      {p.sign && <Button onClick={() => void run('signed', 'Bon de commande signé.')} loading={change.isPending}>Signer</Button>}
      {p.send && <Button onClick={() => void run('sent', 'Bon de commande envoyé au titulaire.')} loading={change.isPending}>Envoyer au titulaire</Button>}
      {p.cancel && <Button color="red" variant="light" onClick={() => void run('cancelled', 'Bon de commande annulé.')} loading={change.isPending}>Annuler la commande</Button>}
      {canPay && <Button variant="light" onClick={() => void run('paid', 'Bon de commande marqué payé.')}>Marquer payé</Button>}
      {canFulfil && !order.acknowledgedAt && order.status !== 'cancelled' && order.status !== 'draft' && order.status !== 'signed' && (
        <Button onClick={() => void ack()} loading={acknowledge.isPending}>Accuser réception</Button>
      )}
    </Group>
  );
}

/** The refused rows of a delivery, one per line, as the server named them. */
function RowReport({ error }: { error: ApiError }) {
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Livraison refusée" role="alert">
      <Text size="sm" mb={error.issues.length ? 'xs' : 0}>{error.message}</Text>
      {error.issues.length > 0 && (
        <Table verticalSpacing={2} aria-label="Lignes refusées">
          <Table.Thead><Table.Tr><Table.Th>Ligne</Table.Th><Table.Th>Motif</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {error.issues.map((i: ApiIssue, n) => (
              <Table.Tr key={n}><Table.Td>{i.path}</Table.Td><Table.Td>{i.message}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Alert>
  );
}

function Deliveries({ order }: { order: OrderDetail }) {
  return (
    <>
      <Title order={2} size="h3">Livraisons</Title>
      {order.deliveries.length === 0 ? (
        <Text c="dimmed">Aucune livraison enregistrée.</Text>
      ) : (
        <Table>
          <Table.Caption>Livraisons de la commande</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Date</Table.Th><Table.Th>Saisie</Table.Th><Table.Th ta="right">Équipements créés au parc</Table.Th><Table.Th>Par</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {order.deliveries.map((d) => (
              <Table.Tr key={d.id}><Table.Td>{frenchDay(d.deliveredAt)}</Table.Td><Table.Td>{d.source === 'file' ? 'Fichier' : 'Saisie'}</Table.Td><Table.Td ta="right">{d.deviceCount}</Table.Td><Table.Td>{d.recordedBy}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {order.permissions.deliver && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <DeliveryFileForm order={order} />
          <TypedDeliveryForm order={order} />
        </SimpleGrid>
      )}
    </>
  );
}

function DeliveryFileForm({ order }: { order: OrderDetail }) {
  const upload = useDeliveryFile(order.id);
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const send = async () => {
    if (!file) return;
    setFailure(null);
    try {
      const updated = await upload.mutateAsync(file);
      notifications.show({ color: 'teal', message: `Livraison enregistrée : la commande est « ${updated.status === 'delivered' ? 'livrée' : 'livrée en partie'} ».` });
      setFile(null);
    } catch (error) {
      if (error instanceof ApiError) setFailure(error);
      else notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>Livraison par fichier</Text>
        <FilePicker id="fichier-livraison" label="Fichier de livraison (CSV)" description="Une ligne par équipement : colonnes « code » (article du bordereau) et « numéro de série »." accept=".csv,text/csv" file={file} error={null} onChange={setFile} />
        <Group><Button onClick={() => void send()} disabled={!file} loading={upload.isPending}>Déposer le fichier</Button></Group>
        {failure && <RowReport error={failure} />}
      </Stack>
    </Card>
  );
}

function TypedDeliveryForm({ order }: { order: OrderDetail }) {
  const deliver = useTypedDelivery(order.id);
  const items = [...new Map(order.lines.map((l) => [l.priceItemId, l])).values()];
  const [itemId, setItemId] = useState<string | null>(items[0]?.priceItemId ?? null);
  const [serials, setSerials] = useState('');
  const [quantity, setQuantity] = useState<number | string>('');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const send = async () => {
    if (!itemId) return;
    setFailure(null);
    const list = serials.split(/[\n;,]+/).map((s) => s.trim()).filter(Boolean);
    try {
      await deliver.mutateAsync({ lines: [{ priceItemId: itemId, serials: list, quantity: list.length ? undefined : Number(quantity) || undefined }] });
      notifications.show({ color: 'teal', message: 'Livraison enregistrée.' });
      setSerials('');
      setQuantity('');
    } catch (error) {
      if (error instanceof ApiError) setFailure(error);
      else notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>Livraison saisie</Text>
        <Select label="Article livré" data={items.map((l) => ({ value: l.priceItemId, label: `${l.code} · ${l.label}` }))} value={itemId} onChange={setItemId} />
        <Textarea label="Numéros de série" description="Un par ligne ; laissez vide pour une prestation sans numéro de série." autosize minRows={3} value={serials} onChange={(e) => setSerials(e.currentTarget.value)} />
        <NumberInput label="Quantité livrée (sans numéro de série)" min={1} allowDecimal={false} value={quantity} onChange={setQuantity} disabled={serials.trim() !== ''} />
        <Group><Button onClick={() => void send()} loading={deliver.isPending}>Enregistrer la livraison</Button></Group>
        {failure && <RowReport error={failure} />}
      </Stack>
    </Card>
  );
}

const discrepancyLabels: Record<string, string> = { quantity: 'Écart de quantité', price: 'Écart de prix', 'unknown-line': 'Article non commandé' };

function Invoices({ order }: { order: OrderDetail }) {
  return (
    <>
      <Title order={2} size="h3">Factures</Title>
      {order.invoices.length === 0 ? (
        <Text c="dimmed">Aucune facture rapprochée.</Text>
      ) : (
        <Table>
          <Table.Caption>Factures rapprochées de la commande</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Numéro</Table.Th><Table.Th>Date</Table.Th><Table.Th ta="right">Total HT</Table.Th><Table.Th ta="right">Total TTC</Table.Th><Table.Th>Écarts</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {order.invoices.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.number}</Table.Td>
                <Table.Td>{frenchDay(i.invoiceDate)}</Table.Td>
                <Table.Td ta="right">{euros(i.totalExclTaxCents)}</Table.Td>
                <Table.Td ta="right">{euros(i.totalInclTaxCents)}</Table.Td>
                <Table.Td>
                  {i.discrepancies.length === 0 ? (
                    <Badge color="teal" variant="light">Conforme</Badge>
                  ) : (
                    <Stack gap={2}>
                      {i.discrepancies.map((d, n) => (
                        <Badge key={n} color="orange" variant="light">
                          Ligne {d.lineNo} : {discrepancyLabels[d.kind] ?? d.kind} ({d.kind === 'price' ? `${euros(d.expected)} attendu, ${euros(d.invoiced)} facturé` : `${d.expected ?? 0} attendu, ${d.invoiced} facturé`})
                        </Badge>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {order.permissions.invoice && <InvoiceForm order={order} />}
    </>
  );
}

function InvoiceForm({ order }: { order: OrderDetail }) {
  const record = useInvoice(order.id);
  const items = [...new Map(order.lines.map((l) => [l.priceItemId, l])).values()];
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [rows, setRows] = useState(() => items.map((l) => ({ priceItemId: l.priceItemId, label: `${l.code} · ${l.label}`, quantity: order.lines.filter((x) => x.priceItemId === l.priceItemId).reduce((t, x) => t + x.deliveredQuantity, 0), unitPriceExclTaxCents: l.unitPriceExclTaxCents })));
  const send = async () => {
    try {
      await record.mutateAsync({ number, invoiceDate: date, lines: rows.map(({ priceItemId, quantity, unitPriceExclTaxCents }) => ({ priceItemId, quantity, unitPriceExclTaxCents })) });
      notifications.show({ color: 'teal', message: `Facture ${number} rapprochée.` });
      setNumber('');
    } catch (error) {
      notifications.show({ color: 'red', title: 'Facture refusée', message: errorMessage(error) });
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>Rapprocher une facture</Text>
        <Group>
          <TextInput label="Numéro de facture" required value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
          <TextInput label="Date de facture" type="date" required value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        </Group>
        {rows.map((r, n) => (
          <Group key={r.priceItemId} gap="sm">
            <Text size="sm" w={320}>{r.label}</Text>
            <NumberInput label={`Quantité facturée (${r.label})`} min={0} allowDecimal={false} w={200} value={r.quantity} onChange={(v) => setRows(rows.map((x, i) => (i === n ? { ...x, quantity: Number(v) || 0 } : x)))} />
            <NumberInput label={`Prix unitaire HT facturé en € (${r.label})`} min={0} decimalScale={2} w={260} value={r.unitPriceExclTaxCents / 100} onChange={(v) => setRows(rows.map((x, i) => (i === n ? { ...x, unitPriceExclTaxCents: Math.round((Number(v) || 0) * 100) } : x)))} />
          </Group>
        ))}
        <Group><Button onClick={() => void send()} disabled={!number.trim()} loading={record.isPending}>Rapprocher la facture</Button></Group>
      </Stack>
    </Card>
  );
}
