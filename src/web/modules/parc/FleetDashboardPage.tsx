import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Grid, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDeviceDesktop, IconEyeOff, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { formatNumber } from '../../labels';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { StatCard } from '../../ui/StatCard';
import { chartColors, ChartFigure, DonutLegend, withSliceLabels } from '../../ui/ChartFigure';
import { HorizontalBars } from '../../ui/HorizontalBars';
import { FleetEstablishmentsSection } from './FleetEstablishmentsSection';
import { classLabel, formatPercent } from './labels';
import { fleetStatsQuery } from './queries';
import { RenewalSection } from './RenewalSection';
import { SchoolSelect } from '../../ui/SchoolSelect';
import type { FleetStats } from './types';

const routeApi = getRouteApi('/app/parc/tableau-de-bord');

export function FleetDashboardPage() {
  return (
    <Guard permission="asset.read">
      <Dashboard />
    </Guard>
  );
}

function Dashboard() {
  const { uai } = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const stats = useQuery(fleetStatsQuery(uai));
  const scope = stats.data?.establishment ? `${stats.data.establishment.name} (${stats.data.establishment.uai})` : 'toute la collectivité';

  return (
    <>
      <PageHeader title="Tableau de bord du parc" subtitle={`Périmètre : ${uai ? scope : 'tous les établissements que votre rôle vous permet de voir'}.`} />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" gap="md">
            <div style={{ flex: 1, minWidth: 260, maxWidth: 520 }}>
              <SchoolSelect
                label="Établissement"
                description="Vide : toute la collectivité"
                placeholder="Toute la collectivité"
                value={uai ?? null}
                onChange={(v) => navigate({ search: v ? { uai: v } : {} })}
              />
            </div>
            {uai && (
              <AnchorLink to="/etablissements/$uai" params={{ uai }} size="sm">
                Fiche de l’établissement
              </AnchorLink>
            )}
          </Group>
        </Paper>
        {stats.error ? (
          <QueryError error={stats.error} retry={() => void stats.refetch()} />
        ) : !stats.data ? (
          <Loading label="Calcul des indicateurs du parc…" />
        ) : (
          <DashboardBody stats={stats.data} uai={uai} />
        )}
        {/* asked at once beside the figures above, not after them */}
        <RenewalSection uai={uai} />
        {!uai && <FleetEstablishmentsSection />}
      </Stack>
    </>
  );
}

function DashboardBody({ stats, uai }: { stats: FleetStats; uai?: string }) {
  const byClass = stats.byClass.map((c) => ({ label: c.label, count: c.count }));
  const byStatus = [...stats.byStatus].sort((a, b) => b.count - a.count).map((s) => ({ label: s.label, count: s.count }));
  const classesInPyramid = [...new Set(stats.agePyramid.flatMap((b) => Object.keys(b.byClass)))];
  const pyramid = stats.agePyramid.map((b) => ({ label: b.label, ...Object.fromEntries(classesInPyramid.map((c) => [c, b.byClass[c] ?? 0])) }));
  const pyramidSeries = classesInPyramid.map((c, i) => ({ name: c, label: classLabel(c), color: chartColors[i % chartColors.length] }));

  const osItems = osSlices(stats);
  const warrantyItems = [
    { name: 'Sous garantie', value: stats.warranty.covered, color: 'teal.8' },
    { name: 'Hors garantie', value: stats.warranty.expired, color: 'red.8' },
    { name: 'Garantie inconnue', value: stats.warranty.unknown, color: 'gray.6' },
  ].filter((i) => i.value > 0);
  const oldest = stats.agePyramid.filter((b) => b.count > 0).at(-1);

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <StatCard
          label="Équipements en parc"
          value={formatNumber(stats.fleet)}
          hint={stats.total !== stats.fleet ? `${formatNumber(stats.total - stats.fleet)} commandés, réformés ou perdus en plus` : 'hors commandés, réformés et perdus'}
          icon={IconDeviceDesktop}
        />
        <StatCard
          label={`Non vus depuis ${stats.stale.afterDays} jours`}
          value={formatNumber(stats.stale.count)}
          hint={
            <>
              {stats.stale.neverInventoried > 0 && (
                <Text component="span" size="xs" display="block">
                  {`${formatNumber(stats.stale.neverInventoried)} jamais inventorié${stats.stale.neverInventoried > 1 ? 's' : ''}`}
                </Text>
              )}
              <AnchorLink to="/parc" search={{ staleDays: stats.stale.afterDays, uai }} size="xs">
                Voir la liste
              </AnchorLink>
            </>
          }
          icon={IconEyeOff}
          color="orange"
        />
        <StatCard
          label="Hors garantie"
          value={formatPercent(stats.warranty.outOfWarrantyShare)}
          hint={`${formatNumber(stats.warranty.expired)} équipements sur ${formatNumber(stats.warranty.covered + stats.warranty.expired)} dont la garantie est connue`}
          icon={IconAlertTriangle}
          color="red"
        />
        <StatCard
          label="Élèves par ordinateur"
          value={stats.pupils.pupilsPerComputer === null ? '—' : formatNumber(Math.round(stats.pupils.pupilsPerComputer * 10) / 10)}
          hint={`${formatNumber(stats.pupils.computers)} ordinateurs et ${formatNumber(stats.pupils.tablets)} tablettes en service${stats.pupils.pupils === null ? ' ; effectifs inconnus' : ''}`}
          icon={IconUsers}
          color="teal"
        />
      </SimpleGrid>

      {stats.total === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">Aucun équipement dans ce périmètre : installez un agent d’inventaire ou importez un fichier d’équipements.</Text>
        </Paper>
      ) : (
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ChartFigure
              title="Équipements par type"
              id="par-type"
              summary={`Diagramme en barres des ${formatNumber(stats.fleet)} équipements en parc par type : ${byClass.map((c) => `${c.label} ${formatNumber(c.count)}`).join(', ')}.`}
              table={{ caption: 'Équipements en parc par type', columns: ['Type', 'Équipements'], rows: byClass.map((c) => [c.label, c.count]) }}
            >
              <HorizontalBars data={byClass} series={{ name: 'count', label: 'Équipements', color: 'coherence.8' }} labelWidth={170} minHeight={180} />
            </ChartFigure>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ChartFigure
              title="Équipements par statut"
              id="par-statut"
              summary={`Diagramme en barres des ${formatNumber(stats.total)} équipements par statut : ${byStatus.map((s) => `${s.label} ${formatNumber(s.count)}`).join(', ')}.`}
              table={{ caption: 'Équipements par statut', columns: ['Statut', 'Équipements'], rows: byStatus.map((s) => [s.label, s.count]) }}
            >
              <HorizontalBars data={byStatus} series={{ name: 'count', label: 'Équipements', color: 'teal.8' }} labelWidth={130} minHeight={180} />
            </ChartFigure>
          </Grid.Col>
          <Grid.Col span={12}>
            <ChartFigure
              title="Pyramide des âges"
              id="pyramide"
              note={`Âge compté depuis la date d’achat, à défaut depuis le premier inventaire. Durées de vie attendues : ${Object.entries(stats.expectedLifeYears)
                .filter(([c]) => classesInPyramid.includes(c))
                .map(([c, y]) => `${classLabel(c).toLowerCase()} ${y} ans`)
                .join(', ')}.`}
              summary={`Diagramme en barres empilées de l’âge des équipements par tranche et par type${oldest ? ` ; la tranche la plus ancienne occupée est « ${oldest.label} » avec ${formatNumber(oldest.count)} équipements` : ''}. Le tableau de données détaille chaque tranche.`}
              table={{
                caption: 'Équipements par tranche d’âge et par type',
                columns: ['Âge', ...classesInPyramid.map(classLabel), 'Total'],
                rows: stats.agePyramid.map((b) => [b.label, ...classesInPyramid.map((c) => b.byClass[c] ?? 0), b.count]),
              }}
            >
              <BarChart
                h={320}
                data={pyramid}
                dataKey="label"
                type="stacked"
                series={pyramidSeries}
                withLegend
                legendProps={{ verticalAlign: 'bottom', height: 60 }}
                withTooltip={false}
                valueFormatter={(v) => formatNumber(v)}
              />
            </ChartFigure>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ChartFigure
              title="Systèmes d’exploitation"
              id="systemes"
              summary={`Diagramme circulaire des systèmes d’exploitation : ${osItems.map((o) => `${o.name} ${formatNumber(o.value)}`).join(', ')}.`}
              table={{
                caption: 'Équipements par système d’exploitation',
                columns: ['Système', 'Équipements', 'Établissements'],
                rows: stats.operatingSystems.map((o) => [osName(o), o.devices, o.establishments]),
              }}
              legend={<DonutLegend items={osItems} />}
            >
              <Group justify="center">
                <DonutChart data={withSliceLabels(osItems)} size={180} thickness={28} withTooltip={false} pieProps={{ rootTabIndex: -1 }} />
              </Group>
            </ChartFigure>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ChartFigure
              title="Garantie"
              id="garantie"
              summary={`Diagramme circulaire de la garantie : ${warrantyItems.map((w) => `${w.name} ${formatNumber(w.value)}`).join(', ')} ; part hors garantie ${formatPercent(stats.warranty.outOfWarrantyShare)}.`}
              table={{ caption: 'Équipements en parc selon leur garantie', columns: ['Garantie', 'Équipements'], rows: warrantyItems.map((w) => [w.name, w.value]) }}
              legend={<DonutLegend items={warrantyItems} />}
            >
              <Group justify="center">
                <DonutChart
                  data={withSliceLabels(warrantyItems)}
                  size={180}
                  thickness={28}
                  withTooltip={false}
                  pieProps={{ rootTabIndex: -1 }}
                  chartLabel={formatPercent(stats.warranty.outOfWarrantyShare)}
                />
              </Group>
            </ChartFigure>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

const osName = (o: { name: string | null; version: string | null }) => (o.name ? [o.name, o.version].filter(Boolean).join(' ') : 'Inconnu (non inventorié)');

/** The six most common systems, the rest grouped; devices no agent reports shown apart. */
function osSlices(stats: FleetStats) {
  const known = stats.operatingSystems.filter((o) => o.name);
  const unknown = stats.operatingSystems.filter((o) => !o.name).reduce((s, o) => s + o.devices, 0);
  const top = known.slice(0, 6).map((o, i) => ({ name: osName(o), value: o.devices, color: chartColors[i] }));
  const rest = known.slice(6).reduce((s, o) => s + o.devices, 0);
  if (rest) top.push({ name: 'Autres systèmes', value: rest, color: 'violet.8' });
  if (unknown) top.push({ name: 'Inconnu (non inventorié)', value: unknown, color: 'gray.6' });
  return top;
}
