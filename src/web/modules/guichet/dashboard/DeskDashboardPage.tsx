import '@mantine/charts/styles.css';
import { DonutChart, LineChart } from '@mantine/charts';
import { Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconClockCheck, IconInbox, IconMoodSmile, IconStopwatch } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { formatNumber } from '../../../labels';
import { useCan } from '../../../session/session';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { HorizontalBars } from '../../../ui/HorizontalBars';
import { QueryError } from '../../../ui/QueryError';
import { StatCard } from '../../../ui/StatCard';
import { ChartFigure, DonutLegend, withSliceLabels } from '../../../ui/ChartFigure';
import { DashboardFilters } from './DashboardFilters';
import { useDeskDashboard } from './queries';
import { plural } from '../../../../shared/french';
import type { AgreementShare, DeskDashboard, DeskDashboardSearch, DurationFigures } from './types';

const routeApi = getRouteApi('/app/guichet/tableau-de-bord');

export function DeskDashboardPage() {
  return (
    <Guard permission="ticket.read">
      <Dashboard />
    </Guard>
  );
}

const percent = (rate: number | null) => (rate === null ? '—' : `${formatNumber(Math.round(rate * 1000) / 10)} %`);
const hours = (h: number | null) => (h === null ? '—' : `${formatNumber(h)} h`);
const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Paris' });

function Dashboard() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const dashboard = useDeskDashboard(search);
  const period = dashboard.data ? `du ${day(dashboard.data.period.from)} au ${day(dashboard.data.period.to)}` : 'des 90 derniers jours';
  return (
    <>
      <PageHeader
        title="Tableau de bord du guichet"
        crumbs={[{ label: 'Guichet', to: '/guichet' }]}
        subtitle={`Tickets de votre périmètre, période ${period}. Délais comptés en heures ouvrées.`}
      />
      <Stack gap="lg">
        <DashboardFilters search={search} onChange={(next) => void navigate({ search: next })} />
        {dashboard.error ? (
          <QueryError error={dashboard.error} retry={() => void dashboard.refetch()} />
        ) : !dashboard.data ? (
          <Loading label="Calcul des indicateurs du guichet…" />
        ) : (
          <DashboardBody data={dashboard.data} search={search} />
        )}
      </Stack>
    </>
  );
}

/** A horizontal bar chart of counts, with its text alternative and table (ChartFigure). */
function CountBars(props: { title: string; id: string; caption: string; column: string; valueColumn?: string; items: { label: string; count: number }[]; color: string; unit: string; actions?: ReactNode }) {
  const items = props.items.map((i) => ({ label: i.label, count: i.count }));
  return (
    <ChartFigure
      title={props.title}
      id={props.id}
      actions={props.actions}
      summary={
        items.length === 0
          ? `Aucun ${props.unit} dans ce périmètre.`
          : `Diagramme en barres, ${props.caption.toLowerCase()} : ${items.map((i) => `${i.label} ${formatNumber(i.count)}`).join(', ')}.`
      }
      table={{ caption: props.caption, columns: [props.column, props.valueColumn ?? 'Tickets'], rows: items.map((i) => [i.label, i.count]) }}
    >
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          Aucun ticket ouvert.
        </Text>
      ) : (
        <HorizontalBars data={items} series={{ name: 'count', label: props.valueColumn ?? 'Tickets', color: props.color }} labelWidth={220} />
      )}
    </ChartFigure>
  );
}

function AgreementDonut({ title, id, share, time, actions }: { title: string; id: string; share: AgreementShare; time: DurationFigures; actions?: ReactNode }) {
  const items = [
    { name: 'Dans les délais', value: share.within, color: 'teal.8' },
    { name: 'Hors délais', value: share.breached, color: 'red.8' },
  ];
  return (
    <ChartFigure
      title={title}
      id={id}
      actions={actions}
      summary={`Diagramme circulaire : ${plural(share.within, 'ticket', 'tickets')} dans les délais et ${formatNumber(share.breached)} hors délais sur ${formatNumber(share.measured)}, soit ${percent(share.withinRate)} dans les délais.`}
      table={{
        caption: title,
        columns: ['Mesure', 'Valeur'],
        rows: [
          ['Tickets jugés', share.measured],
          ['Dans les délais', share.within],
          ['Hors délais', share.breached],
          ['Dont ouverts et déjà en retard', share.openBreached],
          ['Médiane (heures ouvrées)', time.medianHours ?? '—'],
          ['90e centile (heures ouvrées)', time.p90Hours ?? '—'],
          ['Moyenne (heures ouvrées)', time.meanHours ?? '—'],
        ],
      }}
      legend={<DonutLegend items={items} />}
      note={`Médiane ${hours(time.medianHours)}, 90e centile ${hours(time.p90Hours)}, moyenne ${hours(time.meanHours)} sur ${plural(time.count, 'ticket mesuré', 'tickets mesurés')}. Un ticket encore ouvert dont l’échéance est passée compte hors délais.`}
    >
      <Group justify="center">
        <DonutChart
          data={withSliceLabels(items.filter((i) => i.value > 0))}
          size={170}
          thickness={26}
          withTooltip={false}
          pieProps={{ rootTabIndex: -1 }}
          chartLabel={percent(share.withinRate)}
        />
      </Group>
    </ChartFigure>
  );
}

function DashboardBody({ data, search }: { data: DeskDashboard; search: DeskDashboardSearch }) {
  const canExport = useCan('ticket.export');
  const exportOf = (table: string) => (canExport ? <ExportButtons path="/desk/dashboard/export" filters={{ ...search, table }} basename={`guichet-${table}`} /> : undefined);
  const top20 = data.devices.bySchool.filter((s) => s.per100Devices !== null).slice(0, 20);
  const weekly = data.weekly.map((w) => ({ ...w, label: day(w.week) }));
  const { satisfaction } = data;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <StatCard label="Tickets ouverts (stock)" value={formatNumber(data.backlog.total)} hint="à ce jour, ni résolus ni clos" icon={IconInbox} />
        <StatCard
          label="Résolus dans les délais"
          value={percent(data.agreement.resolve.withinRate)}
          hint={`Prise en charge dans les délais : ${percent(data.agreement.own.withinRate)}`}
          icon={IconClockCheck}
          color="teal"
        />
        <StatCard
          label="Délai médian de résolution"
          value={hours(data.times.resolve.medianHours)}
          hint={`Prise en charge médiane : ${hours(data.times.own.medianHours)} (heures ouvrées)`}
          icon={IconStopwatch}
          color="orange"
        />
        <StatCard
          label="Satisfaction moyenne"
          value={satisfaction.mean === null ? '—' : `${formatNumber(satisfaction.mean)} / 5`}
          hint={`${formatNumber(satisfaction.rated)} avis sur ${plural(satisfaction.solved, 'ticket résolu', 'tickets résolus')} (${percent(satisfaction.responseRate)})`}
          icon={IconMoodSmile}
          color="grape"
        />
      </SimpleGrid>

      <Grid gutter="lg">
        {data.backlog.byTeam.length > 0 && (
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <CountBars title="Stock par équipe" id="stock-equipe" caption="Tickets ouverts par équipe" column="Équipe" unit="ticket ouvert" color="coherence.8" items={data.backlog.byTeam.map((t) => ({ label: t.name, count: t.count }))} actions={exportOf('backlog-teams')} />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <CountBars title="Stock par niveau" id="stock-niveau" caption="Tickets ouverts par niveau de support" column="Niveau" unit="ticket ouvert" color="teal.8" items={data.backlog.byLevel} actions={exportOf('backlog-levels')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <CountBars title="Stock par catégorie" id="stock-categorie" caption="Tickets ouverts par catégorie" column="Catégorie" unit="ticket ouvert" color="grape.8" items={data.backlog.byCategory} actions={exportOf('backlog-categories')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <CountBars
            title="Stock par établissement (20 premiers)"
            id="stock-etablissement"
            caption="Tickets ouverts par établissement"
            column="Établissement"
            unit="ticket ouvert"
            color="orange.8"
            items={data.backlog.bySchool.slice(0, 20).map((s) => ({ label: `${s.name} (${s.uai})`, count: s.count }))}
            actions={exportOf('backlog-schools')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <AgreementDonut title="Délai de prise en charge" id="delai-prise-en-charge" share={data.agreement.own} time={data.times.own} actions={exportOf('agreement')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <AgreementDonut title="Délai de résolution" id="delai-resolution" share={data.agreement.resolve} time={data.times.resolve} />
        </Grid.Col>
        <Grid.Col span={12}>
          <ChartFigure
            title="Tendance hebdomadaire"
            id="tendance"
            actions={exportOf('weekly')}
            summary={`Courbes des tickets ouverts et résolus par semaine sur ${weekly.length} semaines : ${formatNumber(weekly.reduce((s, w) => s + w.opened, 0))} ouverts et ${formatNumber(weekly.reduce((s, w) => s + w.solved, 0))} résolus au total.`}
            table={{ caption: 'Tickets ouverts et résolus par semaine', columns: ['Semaine du', 'Ouverts', 'Résolus'], rows: weekly.map((w) => [w.label, w.opened, w.solved]) }}
          >
            <LineChart
              h={260}
              data={weekly}
              dataKey="label"
              series={[
                { name: 'opened', label: 'Ouverts', color: 'coherence.8' },
                { name: 'solved', label: 'Résolus', color: 'teal.8' },
              ]}
              withLegend
              withTooltip={false}
              curveType="linear"
              valueFormatter={(v) => formatNumber(v)}
            />
          </ChartFigure>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ChartFigure
            title="Tickets pour 100 équipements (20 premiers)"
            id="pour-100-equipements"
            actions={exportOf('devices')}
            note={`Ensemble du périmètre : ${data.devices.per100Devices === null ? '—' : formatNumber(data.devices.per100Devices)} tickets pour 100 équipements (${formatNumber(data.devices.tickets)} tickets ouverts dans la période, ${formatNumber(data.devices.devices)} équipements en service).`}
            summary={
              top20.length === 0
                ? 'Aucun établissement avec des équipements en service et des tickets dans ce périmètre.'
                : `Diagramme en barres des tickets pour 100 équipements en service : ${top20.map((s) => `${s.name} ${formatNumber(s.per100Devices)}`).join(', ')}.`
            }
            table={{
              caption: 'Tickets ouverts dans la période pour 100 équipements en service, par établissement',
              columns: ['Établissement', 'Tickets', 'Équipements en service', 'Pour 100 équipements'],
              rows: data.devices.bySchool.slice(0, 100).map((s) => [`${s.name} (${s.uai})`, s.tickets, s.devices, s.per100Devices ?? '—']),
            }}
          >
            {top20.length === 0 ? (
              <Text c="dimmed" size="sm">
                Pas d’équipement en service recensé pour les établissements de ce périmètre.
              </Text>
            ) : (
              <HorizontalBars
                data={top20.map((s) => ({ label: `${s.name} (${s.uai})`, per100: s.per100Devices }))}
                series={{ name: 'per100', label: 'Tickets pour 100 équipements', color: 'red.8' }}
                labelWidth={240}
                rowHeight={30}
              />
            )}
          </ChartFigure>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <CountBars
            title="Satisfaction des demandeurs"
            id="satisfaction"
            caption="Avis par note, de 1 (pas du tout satisfait) à 5 (très satisfait)"
            column="Note"
            valueColumn="Avis"
            unit="avis"
            color="grape.8"
            items={satisfaction.distribution.map((d) => ({ label: `${d.rating} / 5`, count: d.count }))}
            actions={exportOf('satisfaction')}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
