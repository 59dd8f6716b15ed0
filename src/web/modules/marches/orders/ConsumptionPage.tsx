import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ChartFigure, chartColors } from '../../../ui/ChartFigure';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { euros } from '../format';
import { useContracts } from '../queries';
import { useBudgetLines, useConsumption } from './queries';

type Row = { contractReference: string; lotId: string; lotNumber: number; lotTitle: string; maxAmountCents: number | null; lotRemainingCents: number | null; memberName: string; orders: number; committedCents: number; consumedCents: number };

/** Per lot: the members' rows summed, with the lot's own ceiling and remaining amount. */
export function byLot(rows: Row[]) {
  const lots = new Map<string, { label: string; max: number | null; remaining: number | null; committed: number; consumed: number; orders: number }>();
  for (const r of rows) {
    const lot = lots.get(r.lotId) ?? { label: `${r.contractReference} lot ${r.lotNumber}`, max: r.maxAmountCents, remaining: r.lotRemainingCents, committed: 0, consumed: 0, orders: 0 };
    lot.committed += r.committedCents;
    lot.consumed += r.consumedCents;
    lot.orders += r.orders;
    lots.set(r.lotId, lot);
  }
  return [...lots.values()];
}

export function ConsumptionPage() {
  return (
    <Guard permission="order.read">
      <Consumption />
    </Guard>
  );
}

function Consumption() {
  const [contractId, setContractId] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const contracts = useContracts({ kind: 'framework-orders', page: 1 });
  const consumption = useConsumption({ contractId: contractId ?? undefined });
  const budget = useBudgetLines({ year: year ? Number(year) : undefined });
  return (
    <>
      <PageHeader
        title="Consommation des marchés"
        subtitle="Engagé, consommé (facturé) et reste par lot et par membre ; lignes budgétaires et leurs commandes."
        actions={<ExportButtons path="/marches/consumption/export" filters={{ contractId: contractId ?? undefined }} basename="consommation" />}
      />
      <Stack gap="lg">
        <Group>
          <Select label="Marché" placeholder="Tous" clearable searchable w={360} data={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.reference} : ${c.object}` }))} value={contractId} onChange={setContractId} />
        </Group>
        {consumption.isPending ? <Loading /> : consumption.isError ? <QueryError error={consumption.error} /> : <PerLot rows={consumption.data.items} />}
        <Section title="Lignes budgétaires" id="lignes-budgetaires">
          <Stack gap="sm">
            <Select label="Année" placeholder="Toutes" clearable w={160} data={['2016', '2017', '2018', '2019', '2020', '2024', '2025', '2026']} value={year} onChange={setYear} />
            {budget.isPending ? (
              <Loading />
            ) : budget.isError ? (
              <QueryError error={budget.error} />
            ) : budget.data.items.length === 0 ? (
              <Text c="dimmed">Aucune ligne budgétaire.</Text>
            ) : (
              <Table striped>
                <Table.Caption>Lignes budgétaires : plafond, engagé, facturé, reste</Table.Caption>
                <Table.Thead>
                  <Table.Tr><Table.Th>Membre</Table.Th><Table.Th>Ligne</Table.Th><Table.Th>Année</Table.Th><Table.Th ta="right">Plafond</Table.Th><Table.Th ta="right">Engagé</Table.Th><Table.Th ta="right">Facturé</Table.Th><Table.Th ta="right">Reste</Table.Th><Table.Th ta="right">Commandes</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {budget.data.items.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>{b.memberName}</Table.Td>
                      <Table.Td>{b.label}</Table.Td>
                      <Table.Td>{b.year}</Table.Td>
                      <Table.Td ta="right">{euros(b.ceilingCents)}</Table.Td>
                      <Table.Td ta="right">{euros(b.committedCents)}</Table.Td>
                      <Table.Td ta="right">{euros(b.invoicedCents)}</Table.Td>
                      <Table.Td ta="right">{euros(b.remainingCents)}</Table.Td>
                      <Table.Td ta="right">
                        <AnchorLink to="/marches/commandes" search={{ budgetLineId: b.id }} aria-label={`${b.orders} commande(s) de la ligne ${b.label} (${b.memberName})`}>{b.orders}</AnchorLink>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}

function PerLot({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <Text c="dimmed">Aucune commande sur ces marchés.</Text>;
  const lots = byLot(rows);
  const data = lots.map((l) => ({ lot: l.label, Consommé: l.consumed / 100, Engagé: l.committed / 100, Reste: Math.max(0, l.remaining ?? 0) / 100 }));
  const eur = (v: number) => euros(Math.round(v * 100));
  return (
    <>
      <ChartFigure
        title="Par lot"
        id="par-lot"
        summary={`Diagramme en barres empilées du consommé, de l’engagé et du reste de ${lots.length} lot(s) : ${lots.map((l) => `${l.label} ${euros(l.consumed)} consommés, ${euros(l.committed)} engagés`).join(' ; ')}.`}
        table={{ caption: 'Consommation par lot', columns: ['Lot', 'Maximum', 'Consommé', 'Engagé', 'Reste', 'Commandes'], rows: lots.map((l) => [l.label, euros(l.max), euros(l.consumed), euros(l.committed), euros(l.remaining), l.orders]) }}
      >
        <BarChart h={300} data={data} dataKey="lot" type="stacked" withLegend withTooltip={false} valueFormatter={eur}
          series={[{ name: 'Consommé', color: chartColors[0] }, { name: 'Engagé', color: chartColors[2] }, { name: 'Reste', color: chartColors[10] }]} />
      </ChartFigure>
      <Section title="Par lot et par membre" id="par-membre">
        <Table striped>
          <Table.Caption>Consommation par lot et par membre</Table.Caption>
          <Table.Thead>
            <Table.Tr><Table.Th>Marché</Table.Th><Table.Th>Lot</Table.Th><Table.Th>Membre</Table.Th><Table.Th ta="right">Commandes</Table.Th><Table.Th ta="right">Engagé</Table.Th><Table.Th ta="right">Consommé</Table.Th><Table.Th ta="right">Reste du lot</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.lotId}-${r.memberName}`}>
                <Table.Td>{r.contractReference}</Table.Td>
                <Table.Td>{r.lotNumber} : {r.lotTitle}</Table.Td>
                <Table.Td>{r.memberName}</Table.Td>
                <Table.Td ta="right">{r.orders}</Table.Td>
                <Table.Td ta="right">{euros(r.committedCents)}</Table.Td>
                <Table.Td ta="right">{euros(r.consumedCents)}</Table.Td>
                <Table.Td ta="right">{euros(r.lotRemainingCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </>
  );
}
