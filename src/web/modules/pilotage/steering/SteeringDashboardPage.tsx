import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconSchool, IconTarget } from '@tabler/icons-react';
import { formatDateTime, formatNumber } from '../../../labels';
import { ChartFigure } from '../../../ui/ChartFigure';
import { ExportButtons } from '../../../ui/ExportButtons';
import { useCan } from '../../../session/session';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { StatCard } from '../../../ui/StatCard';
import { GapMap } from './GapMap';
import { share, useDashboard, type Dashboard } from './queries';

export function SteeringDashboardPage() {
  return (
    <Guard permission="steering.read">
      <DashboardView />
    </Guard>
  );
}

function DashboardView() {
  const dashboard = useDashboard();
  const canExport = useCan('steering.export');
  return (
    <>
      <PageHeader
        title="Pilotage : atteinte des cibles"
        subtitle="Chaque établissement de votre périmètre comparé à son profil cible, calculé à l’instant."
        actions={canExport && <ExportButtons path="/pilotage/dashboard/export" filters={{}} basename="pilotage-ecarts" />}
      />
      {dashboard.error ? (
        <QueryError error={dashboard.error} retry={() => void dashboard.refetch()} />
      ) : !dashboard.data ? (
        <Loading label="Calcul des écarts de chaque établissement…" />
      ) : (
        <DashboardBody dashboard={dashboard.data} />
      )}
    </>
  );
}

/** No target profile yet (a new authority, a demo without steering data): said plainly instead of empty charts. */
const hasTargets = (d: Dashboard) => d.indicators.some((i) => i.met + i.notMet + i.unknown > 0);

function DashboardBody({ dashboard }: { dashboard: Dashboard }) {
  const targeted = dashboard.points.filter((p) => p.metShare !== null);
  const withGap = dashboard.points.filter((p) => p.gapScore > 0).length;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <StatCard label="Établissements évalués" value={formatNumber(dashboard.schools)} hint={`Calculé le ${formatDateTime(dashboard.computedAt)}`} icon={IconSchool} />
        <StatCard label="Avec au moins un indicateur mesuré" value={formatNumber(targeted.length)} hint="les autres n’ont aucune donnée sur leurs cibles" icon={IconTarget} color="teal" />
        <StatCard label="Avec un écart à combler" value={formatNumber(withGap)} hint="au moins une cible mesurée non atteinte" icon={IconAlertTriangle} color="red" />
      </SimpleGrid>
      {!hasTargets(dashboard) ? (
        <Paper withBorder p="lg" radius="md">
          <Text>
            Aucun profil cible ne s’applique encore aux établissements de votre périmètre : définissez des profils cibles (type d’établissement, tranche d’effectif et seuils) pour
            voir l’atteinte des cibles et l’équité territoriale. La carte montre les établissements, en gris tant que rien n’est mesuré.
          </Text>
        </Paper>
      ) : (
        <>
          <IndicatorsChart dashboard={dashboard} />
          <Equity dashboard={dashboard} />
        </>
      )}
      {dashboard.points.length > 0 && <GapMap points={dashboard.points} />}
    </Stack>
  );
}

function IndicatorsChart({ dashboard }: { dashboard: Dashboard }) {
  const rows = dashboard.indicators.filter((i) => i.met + i.notMet + i.unknown > 0);
  return (
    <ChartFigure
      title="Atteinte des cibles par indicateur"
      id="indicateurs"
      summary={`Diagramme en barres empilées, par indicateur, des établissements qui atteignent leur cible, ne l’atteignent pas ou dont la valeur est inconnue : ${rows
        .map((i) => `${i.label} ${formatNumber(i.met)} atteints, ${formatNumber(i.notMet)} non atteints, ${formatNumber(i.unknown)} inconnus`)
        .join(' ; ')}.`}
      table={{ caption: 'Établissements par indicateur et par atteinte de la cible', columns: ['Indicateur', 'Atteint', 'Non atteint', 'Inconnu'], rows: rows.map((i) => [i.label, i.met, i.notMet, i.unknown]) }}
    >
      <BarChart
        h={Math.max(200, rows.length * 44)}
        data={rows}
        dataKey="label"
        orientation="vertical"
        type="stacked"
        series={[
          { name: 'met', label: 'Atteint', color: 'teal.8' },
          { name: 'notMet', label: 'Non atteint', color: 'red.8' },
          { name: 'unknown', label: 'Inconnu', color: 'gray.7' },
        ]}
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 40 }}
        withTooltip={false}
        gridAxis="none"
        yAxisProps={{ width: 220 }}
        valueFormatter={(v) => formatNumber(v)}
      />
    </ChartFigure>
  );
}

function Equity({ dashboard }: { dashboard: Dashboard }) {
  return (
    <Section title="Équité territoriale" id="equite">
      <Text size="sm" c="dimmed" mb="sm">
        Part moyenne des cibles mesurées atteintes par les établissements de chaque groupe.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {dashboard.equity.map((dimension) => (
          <Table key={dimension.key} captionSide="top" verticalSpacing={4} striped>
            <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{dimension.label}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Groupe</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  Établissements
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  Cibles atteintes
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dimension.groups.map((g) => (
                <Table.Tr key={g.label}>
                  <Table.Th scope="row" fw={500}>
                    {g.label}
                  </Table.Th>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(g.schools)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{share(g.metShare)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
      </SimpleGrid>
    </Section>
  );
}
