import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime, formatNumber } from '../../../labels';
import { ChartFigure } from '../../../ui/ChartFigure';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';
import { PpiActions } from './PpiActions';
import { PpiOperations } from './PpiOperations';
import { UnitCosts, VotedPlanExecution } from './PpiExecution';
import { financingLabels, formatCents, scenarioStatusLabels, share, useComparison, useScenarios, type Comparison, type Scenario } from './queries';

export function PpiPage() {
  return (
    <Guard permission="ppi.read">
      <PpiView />
    </Guard>
  );
}

function PpiView() {
  const scenarios = useScenarios();
  return (
    <>
      <PageHeader title="Plan pluriannuel d’investissement" subtitle="Les scénarios proposés à partir des écarts aux cibles, et leur comparaison année par année." />
      {scenarios.error ? (
        <QueryError error={scenarios.error} retry={() => void scenarios.refetch()} />
      ) : !scenarios.data ? (
        <Loading label="Chargement des scénarios…" />
      ) : scenarios.data.items.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text>Aucun scénario de PPI pour le moment : un scénario se crée à partir des écarts aux profils cibles des établissements.</Text>
        </Paper>
      ) : (
        <Stack gap="lg">
          <ScenarioList items={scenarios.data.items} />
          <CompareSection items={scenarios.data.items} />
          <VotedPlanExecution items={scenarios.data.items} />
          <PpiOperations items={scenarios.data.items} />
          <PpiActions items={scenarios.data.items} />
          <UnitCosts />
        </Stack>
      )}
    </>
  );
}

const years = (s: Scenario) => `${s.startYear}–${s.startYear + s.yearCount - 1}`;

function ScenarioList({ items }: { items: Scenario[] }) {
  return (
    <Section title="Scénarios" id="scenarios">
      <SimpleTable
        caption="Scénarios du PPI"
        scrollLabel="Scénarios du PPI"
        columns={['Scénario', 'Années', { label: 'Plafonds cumulés', numeric: true }, 'Statut']}
        rows={items.map((s) => ({
          key: s.id,
          cells: [
            s.name,
            years(s),
            formatCents(s.yearlyCeilingsCents.reduce((a, b) => a + b, 0)),
            <>
              <Badge color={s.status === 'voted' ? 'teal' : 'gray'} variant="light">
                {scenarioStatusLabels[s.status] ?? s.status}
              </Badge>
              {s.votedAt && (
                <Text span size="xs" c="dimmed" ml="xs">
                  le {formatDateTime(s.votedAt)}
                </Text>
              )}
            </>,
          ],
        }))}
      />
    </Section>
  );
}

function CompareSection({ items }: { items: Scenario[] }) {
  const [first, setFirst] = useState<string | null>(items[0]?.id ?? null);
  const [second, setSecond] = useState<string | null>(items[1]?.id ?? null);
  const ids = [first, second].filter((id, i, all): id is string => id !== null && all.indexOf(id) === i);
  const comparison = useComparison(ids);
  const options = items.map((s) => ({ value: s.id, label: `${s.name} (${years(s)})` }));
  return (
    <Section title="Comparaison de scénarios" id="comparaison">
      <Stack gap="md">
        <Group align="flex-end">
          <Select label="Premier scénario" data={options} value={first} onChange={setFirst} allowDeselect={false} w={320} />
          <Select label="Second scénario" data={options} value={second} onChange={setSecond} clearable placeholder="Aucun" w={320} />
        </Group>
        {ids.length === 0 ? null : comparison.error ? (
          <QueryError error={comparison.error} retry={() => void comparison.refetch()} />
        ) : !comparison.data ? (
          <Loading label="Comparaison des scénarios…" />
        ) : (
          <ComparisonView comparison={comparison.data} />
        )}
      </Stack>
    </Section>
  );
}

type Item = Comparison['items'][number];

function ComparisonView({ comparison }: { comparison: Comparison }) {
  const items = comparison.items;
  return (
    <Stack gap="md">
      <CostChart items={items} />
      <SimpleGrid cols={{ base: 1, lg: items.length }} spacing="md">
        {items.map((item) => (
          <ScenarioFigures key={item.scenario.id} item={item} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function CostChart({ items }: { items: Item[] }) {
  const allYears = [...new Set(items.flatMap((i) => i.years.map((y) => y.year)))].sort((a, b) => a - b);
  const keyOf = (i: number) => `s${i}`;
  const data = allYears.map((year) => ({ label: String(year), ...Object.fromEntries(items.map((it, i) => [keyOf(i), (it.years.find((y) => y.year === year)?.costCents ?? 0) / 100])) }));
  const colors = ['coherence.8', 'orange.8', 'teal.8', 'grape.8'];
  return (
    <ChartFigure
      title="Coût programmé par année"
      id="cout-par-annee"
      summary={`Diagramme en barres du coût programmé chaque année par scénario : ${items
        .map((it) => `${it.scenario.name}, ${it.years.map((y) => `${y.year} ${formatCents(y.costCents)}`).join(', ')}`)
        .join(' ; ')}.`}
      table={{
        caption: 'Coût programmé et plafond par année (euros)',
        columns: ['Année', ...items.flatMap((it) => [`${it.scenario.name} : coût`, `${it.scenario.name} : plafond`])],
        rows: allYears.map((year) => [
          String(year),
          ...items.flatMap((it) => {
            const y = it.years.find((v) => v.year === year);
            return [y ? Math.round(y.costCents / 100) : 0, y ? Math.round(y.ceilingCents / 100) : 0];
          }),
        ]),
      }}
    >
      <BarChart
        h={280}
        data={data}
        dataKey="label"
        series={items.map((it, i) => ({ name: keyOf(i), label: it.scenario.name, color: colors[i % colors.length] }))}
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 40 }}
        withTooltip={false}
        yAxisProps={{ width: 90 }}
        valueFormatter={(v) => `${formatNumber(Math.round(v))} €`}
      />
    </ChartFigure>
  );
}

function ScenarioFigures({ item }: { item: Item }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Text fw={700}>{item.scenario.name}</Text>
        <Text size="sm">
          {`Coût total ${formatCents(item.totalCostCents)} ; ${formatNumber(item.schoolsWithWorks)} établissements concernés ; non programmé ${formatCents(item.unscheduledCostCents)}.`}
        </Text>
        <SimpleTable
          caption={`Par année : ${item.scenario.name}`}
          columns={['Année', { label: 'Coût', numeric: true }, { label: 'Plafond', numeric: true }, { label: 'Établissements à la cible', numeric: true }]}
          rows={item.years.map((y) => ({
            key: y.year,
            cells: [
              String(y.year),
              y.costCents > y.ceilingCents ? (
                <Text span inherit c="red.9">
                  {formatCents(y.costCents)}
                </Text>
              ) : (
                formatCents(y.costCents)
              ),
              formatCents(y.ceilingCents),
              y.schoolsCompleted,
            ],
          }))}
        />
        <EquityTable item={item} />
        <SimpleTable
          caption={`Financement : ${item.scenario.name}`}
          columns={['Source', { label: 'Montant', numeric: true }]}
          empty="Aucun financement saisi."
          rows={item.financing.map((f) => [`${financingLabels[f.source] ?? f.source}${f.partnerName ? ` (${f.partnerName})` : ''}`, formatCents(f.amountCents)])}
        />
      </Stack>
    </Paper>
  );
}

/** With which equity: each group's share of the programmed cost and of its schools brought to target. */
function EquityTable({ item }: { item: Item }) {
  return (
    <SimpleTable
      caption={`Équité : ${item.scenario.name}`}
      columns={['Groupe', { label: 'Établissements', numeric: true }, { label: 'Part du coût programmé', numeric: true }, { label: 'Travaux achevés au terme', numeric: true }]}
      rows={item.equity.map((g) => ({ key: g.group, cells: [g.label, g.schools, share(g.costShare), share(g.completedShare)] }))}
    />
  );
}
