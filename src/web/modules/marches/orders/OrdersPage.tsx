import { Badge, Button, Group, Pagination, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { orderStatuses, orderStatusLabels, type OrderStatus } from '../../../../modules/marches/orders/operations/order.input';
import { useCan } from '../../../session/session';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Guard } from '../../../ui/Guard';
import { AnchorLink, ButtonLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { euros, frenchDay } from '../format';
import { useContracts } from '../queries';
import { orderFilters, ordersPageSize, useBudgetLines, useContractDetail, useOrders, type OrdersSearch } from './queries';

const routeApi = getRouteApi('/app/marches/commandes');

export const statusColors: Record<OrderStatus, string> = {
  draft: 'gray', signed: 'indigo', sent: 'blue', 'partly-delivered': 'orange', delivered: 'teal', invoiced: 'grape', paid: 'green', cancelled: 'red',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <Badge variant="light" color={statusColors[status]}>{orderStatusLabels[status]}</Badge>;
}

export function OrdersPage() {
  return (
    <Guard permission="order.read">
      <Orders />
    </Guard>
  );
}

/** A member's orders, the holder's orders received, every order for the coordinator: the server decides which. */
function Orders() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const list = useOrders(search);
  const canPlace = useCan('order.place');
  const holder = useCan('order.fulfil') && !canPlace;
  const contracts = useContracts({ page: 1 });
  const budget = useBudgetLines({}, !holder);
  const set = (changes: Partial<OrdersSearch>) => navigate({ search: (prev: OrdersSearch) => ({ ...prev, ...changes, page: undefined }) });
  const contract = contracts.data?.items.find((c) => c.id === search.contractId);
  return (
    <>
      <PageHeader
        title={holder ? 'Commandes reçues' : 'Bons de commande'}
        subtitle={holder ? 'Les bons de commande qui vous sont adressés : accusé de réception et livraisons.' : 'Commandes passées sur les bordereaux des lots, livraisons et factures.'}
        actions={
          <Group gap="sm">
            <ExportButtons path="/purchase-orders/export" filters={orderFilters(search)} basename="bons-de-commande" />
            {canPlace && <ButtonLink to="/marches/commandes/nouvelle" leftSection={<IconPlus size={16} aria-hidden />}>Nouvelle commande</ButtonLink>}
          </Group>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" gap="md">
            <Select label="État" placeholder="Tous" clearable data={orderStatuses.map((s) => ({ value: s, label: orderStatusLabels[s] }))} value={search.status ?? null} onChange={(v) => set({ status: (v as OrderStatus) ?? undefined })} />
            <Select label="Marché" placeholder="Tous" clearable searchable data={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.reference }))} value={search.contractId ?? null} onChange={(v) => set({ contractId: v ?? undefined, lotId: undefined })} />
            <LotFilter contractId={search.contractId} value={search.lotId} onChange={(lotId) => set({ lotId })} disabled={!contract} />
            {!holder && (
              <Select label="Ligne budgétaire" placeholder="Toutes" clearable searchable w={280} data={(budget.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.memberName} · ${b.label}` }))} value={search.budgetLineId ?? null} onChange={(v) => set({ budgetLineId: v ?? undefined })} />
            )}
            {search.uai && (
              <Group gap={6} pb={6}>
                <Text size="sm">Établissement {search.uai}</Text>
                <Button variant="subtle" size="compact-sm" onClick={() => set({ uai: undefined })}>Tous les établissements</Button>
              </Group>
            )}
          </Group>
        </Paper>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} />
        ) : (
          <>
            <Text size="sm" c="dimmed">{list.data.total} bon{list.data.total > 1 ? 's' : ''} de commande</Text>
            <Table striped highlightOnHover>
              <Table.Caption>Bons de commande</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Référence</Table.Th><Table.Th>Date</Table.Th><Table.Th>Membre</Table.Th><Table.Th>Lot</Table.Th><Table.Th>Titulaire</Table.Th><Table.Th ta="right">Total HT</Table.Th><Table.Th ta="right">Total TTC</Table.Th><Table.Th>État</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td><AnchorLink to="/marches/commandes/$id" params={{ id: o.id }}>{o.reference}</AnchorLink></Table.Td>
                    <Table.Td>{frenchDay(o.orderDate)}</Table.Td>
                    <Table.Td>{o.memberName}</Table.Td>
                    <Table.Td>Lot {o.lotNumber} : {o.lotTitle}</Table.Td>
                    <Table.Td>{o.holderName ?? '—'}</Table.Td>
                    <Table.Td ta="right">{euros(o.totalExclTaxCents)}</Table.Td>
                    <Table.Td ta="right">{euros(o.totalInclTaxCents)}</Table.Td>
                    <Table.Td><StatusBadge status={o.status} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {list.data.items.length === 0 && <Text c="dimmed">Aucun bon de commande ne correspond.</Text>}
            <Pagination total={Math.max(1, Math.ceil(list.data.total / ordersPageSize))} value={search.page ?? 1} onChange={(page) => navigate({ search: (prev: OrdersSearch) => ({ ...prev, page }) })} getControlProps={(control) => ({ 'aria-label': control === 'next' ? 'Page suivante' : control === 'previous' ? 'Page précédente' : control })} />
          </>
        )}
        {!holder && (
          <Group>
            <ButtonLink variant="subtle" to="/marches/consommation">Consommation par lot et par membre</ButtonLink>
          </Group>
        )}
      </Stack>
    </>
  );
}

function LotFilter(props: { contractId?: string; value?: string; onChange: (lotId: string | undefined) => void; disabled: boolean }) {
  const contract = useContractLots(props.contractId);
  return (
    <Select label="Lot" placeholder={props.disabled ? 'Choisissez un marché' : 'Tous'} clearable disabled={props.disabled} data={contract.map((l) => ({ value: l.id, label: `Lot ${l.number} : ${l.title}` }))} value={props.value ?? null} onChange={(v) => props.onChange(v ?? undefined)} />
  );
}

function useContractLots(contractId?: string) {
  return useContractDetail(contractId).data?.lots ?? [];
}
