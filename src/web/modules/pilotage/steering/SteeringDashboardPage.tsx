import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconSchool, IconTarget } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime, formatNumber } from '../../../labels';
import { ChartFigure } from '../../../ui/ChartFigure';
import { ExportButtons } from '../../../ui/ExportButtons';
import { useCan } from '../../../session/session';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';
import { StatCard } from '../../../ui/StatCard';
import { DrillDownPanel, type Drill } from './DrillDownPanel';
import { GapMap } from './GapMap';
import { dashboardQuery, recomputeDashboard, share, useDashboard, type Dashboard } from './queries';

type OpenDrill = (drill: Drill) => void;

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
        subtitle="Chaque établissement de votre périmètre (la Région, votre établissement, votre académie ou votre commune) comparé à son profil cible, calculé à l’instant. Chaque chiffre s’ouvre sur ses établissements."
        actions={canExport && <ExportButtons path="/pilotage/dashboard/export" filters={{}} basename="pilotage-ecarts" />}
      />
      {dashboard.error ? (
        <QueryError error={dashboard.error} retry={() => void dashboard.refetch()} />
      ) : !dashboard.data ? (
        <Loading label="Calcul des écarts de chaque établissement…" />
      ) : (
        <DashboardBody dashboard={dashboard.data} canExport={canExport} />
      )}
    </>
  );
}

/** No target profile yet (a new authority, a demo without steering data): said plainly instead of empty charts. */
const hasTargets = (d: Dashboard) => d.indicators.some((i) => i.met + i.notMet + i.unknown > 0);

function DashboardBody({ dashboard, canExport }: { dashboard: Dashboard; canExport: boolean }) {
  const [drill, setDrill] = useState<Drill | null>(null);
  const { met, notMet, unknown } = dashboard.statuses;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <StatCard label="Établissements évalués" value={formatNumber(dashboard.schools)} hint={<ComputedAt at={dashboard.computedAt} />} icon={IconSchool} />
        <StatCard label="Toutes cibles atteintes" value={formatNumber(met)} hint={`${formatNumber(unknown)} au statut inconnu (une valeur sans donnée)`} icon={IconTarget} color="teal" />
        <StatCard label="Avec un écart à combler" value={formatNumber(notMet)} hint="au moins une cible mesurée non atteinte" icon={IconAlertTriangle} color="red" />
      </SimpleGrid>
      <Paper withBorder p="sm" radius="md">
        <Text size="sm" component="div">
          Ouvrir les établissements :{' '}
          <DrillButton label={`${formatNumber(met)} aux cibles atteintes`} drill={{ title: 'toutes cibles atteintes', filters: { status: 'met' } }} open={setDrill} /> ·{' '}
          <DrillButton label={`${formatNumber(notMet)} avec un écart`} drill={{ title: 'au moins une cible non atteinte', filters: { status: 'not_met' } }} open={setDrill} /> ·{' '}
          <DrillButton label={`${formatNumber(unknown)} au statut inconnu`} drill={{ title: 'statut inconnu', filters: { status: 'unknown' } }} open={setDrill} />
        </Text>
      </Paper>
      {drill && <DrillDownPanel drill={drill} canExport={canExport} onClose={() => setDrill(null)} />}
      {!hasTargets(dashboard) ? (
        <Paper withBorder p="lg" radius="md">
          <Text>
            Aucun profil cible ne s’applique encore aux établissements de votre périmètre : définissez des profils cibles (type d’établissement, tranche d’effectif et seuils) pour
            voir l’atteinte des cibles et l’équité territoriale. La carte montre les établissements, en gris tant que rien n’est mesuré.
          </Text>
        </Paper>
      ) : (
        <>
          <IndicatorsChart dashboard={dashboard} open={setDrill} />
          <Equity dashboard={dashboard} open={setDrill} />
        </>
      )}
      {dashboard.points.length > 0 && <GapMap points={dashboard.points} />}
    </Stack>
  );
}

/**
 * When the figures were computed: the server keeps them up to 15 s (the fleet, links and desk change
 * all the time); whoever has just made a change asks for them again.
 */
function ComputedAt({ at }: { at: string }) {
  const queryClient = useQueryClient();
  const recompute = useMutation({ mutationFn: recomputeDashboard, onSuccess: (fresh) => queryClient.setQueryData(dashboardQuery().queryKey, fresh) });
  return (
    <>
      {`Calculé le ${formatDateTime(at)} · `}
      <UnstyledButton onClick={() => recompute.mutate()} disabled={recompute.isPending} c="coherence.8" td="underline" fz="xs">
        {recompute.isPending ? 'Recalcul…' : 'Recalculer'}
      </UnstyledButton>
    </>
  );
}

/** A figure that opens onto the schools behind it. */
function DrillButton({ label, drill, open }: { label: string; drill: Drill; open: OpenDrill }) {
  return (
    <UnstyledButton onClick={() => open(drill)} c="coherence.8" td="underline" fz="sm" aria-label={`${label} : ${drill.title}, voir les établissements`}>
      {label}
    </UnstyledButton>
  );
}

type Indicator = Dashboard['indicators'][number];

/** The chart's figures as buttons: each count opens its schools. */
function IndicatorDrillTable({ rows, open }: { rows: Indicator[]; open: OpenDrill }) {
  const cell = (i: Indicator, status: 'met' | 'not_met' | 'unknown', n: number, word: string) =>
    n === 0 ? formatNumber(0) : <DrillButton label={formatNumber(n)} drill={{ title: `${i.label}, ${word}`, filters: { indicator: i.code as Drill['filters']['indicator'], status } }} open={open} />;
  return (
    <SimpleTable
      caption="Chaque nombre ouvre la liste de ses établissements"
      columns={['Indicateur', { label: 'Atteint', numeric: true }, { label: 'Non atteint', numeric: true }, { label: 'Inconnu', numeric: true }]}
      rows={rows.map((i) => ({
        key: i.code,
        cells: [i.label, cell(i, 'met', i.met, 'cible atteinte'), cell(i, 'not_met', i.notMet, 'cible non atteinte'), cell(i, 'unknown', i.unknown, 'valeur inconnue')],
      }))}
    />
  );
}

function IndicatorsChart({ dashboard, open }: { dashboard: Dashboard; open: OpenDrill }) {
  const rows = dashboard.indicators.filter((i) => i.met + i.notMet + i.unknown > 0);
  return (
    <ChartFigure
      title="Atteinte des cibles par indicateur"
      id="indicateurs"
      summary={`Diagramme en barres empilées, par indicateur, des établissements qui atteignent leur cible, ne l’atteignent pas ou dont la valeur est inconnue : ${rows
        .map((i) => `${i.label} ${formatNumber(i.met)} atteints, ${formatNumber(i.notMet)} non atteints, ${formatNumber(i.unknown)} inconnus`)
        .join(' ; ')}.`}
      table={{ caption: 'Établissements par indicateur et par atteinte de la cible', columns: ['Indicateur', 'Atteint', 'Non atteint', 'Inconnu'], rows: rows.map((i) => [i.label, i.met, i.notMet, i.unknown]) }}
      legend={<IndicatorDrillTable rows={rows} open={open} />}
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

function Equity({ dashboard, open }: { dashboard: Dashboard; open: OpenDrill }) {
  return (
    <Section title="Équité territoriale" id="equite">
      <Text size="sm" c="dimmed" mb="sm">
        Part moyenne des cibles mesurées atteintes par les établissements de chaque groupe ; « Inconnu » quand le contexte (IPS, ruralité) n’est pas renseigné. Le nombre d’établissements
        ouvre leur liste.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {dashboard.equity.map((dimension) => (
          <SimpleTable
            key={dimension.key}
            caption={<Text span fw={600} size="sm">{dimension.label}</Text>}
            columns={['Groupe', { label: 'Établissements', numeric: true }, { label: 'Cibles atteintes', numeric: true }]}
            rows={dimension.groups.map((g) => ({
              key: g.label,
              cells: [
                g.label,
                <DrillButton label={formatNumber(g.schools)} drill={{ title: `${dimension.label} : ${g.label}`, filters: { dimension: dimension.key as Drill['filters']['dimension'], group: g.label } }} open={open} />,
                share(g.metShare),
              ],
            }))}
          />
        ))}
      </SimpleGrid>
    </Section>
  );
}
