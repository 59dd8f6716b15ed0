import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { formatNumber } from '../../../labels';
import { ChartFigure } from '../../../ui/ChartFigure';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Guard } from '../../../ui/Guard';
import { HorizontalBars } from '../../../ui/HorizontalBars';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { Section } from '../../../ui/Section';
import { StatFigure } from '../../../ui/StatCard';
import { euros, percent, splitLabels, useCommuneService } from './queries';

export function CommuneServicePage() {
  return (
    <Guard permission="metropole.read">
      <CommuneService />
    </Guard>
  );
}

const thisYear = new Date().getFullYear();

function CommuneService() {
  const { communeId } = useParams({ from: '/app/pilotage/metropole/communes/$communeId' });
  const [year, setYear] = useState(thisYear);
  const report = useCommuneService(communeId, year);
  if (report.error) return <QueryError error={report.error} retry={() => void report.refetch()} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const levels = r.services.map((s) => ({ label: s.name, mesure: Math.round((s.withinRate ?? 0) * 1000) / 10, cible: Math.round(s.target * 1000) / 10 }));
  const costs = r.services.map((s) => ({ label: s.name, cost: Math.round(s.costCents / 100) }));
  return (
    <>
      <PageHeader
        title={`Service rendu à la ${r.commune.name.replace(/^Commune de /, 'commune de ')}`}
        subtitle={`Adhérente depuis le cycle ${r.cycleYear} ; coûts répartis ${splitLabels[r.costSplit] ?? r.costSplit}. Chiffres du guichet unique pour les écoles de la commune, du ${r.period.from} au ${r.period.to}.`}
        actions={
          <Group>
            <NativeSelect label="Année" value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} data={[thisYear, thisYear - 1, thisYear - 2].map(String)} />
            <Link to="/pilotage/metropole">Services de la Métropole</Link>
          </Group>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" component="section" aria-label="Chiffres clés">
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <StatFigure label="Écoles" value={formatNumber(r.totals.schools)} />
            <StatFigure label="Élèves" value={formatNumber(r.totals.pupils)} />
            <StatFigure label="Équipements en service" value={formatNumber(r.totals.devices)} />
            <StatFigure label="Tickets résolus dans les délais" value={percent(r.totals.withinRate)} hint={`${formatNumber(r.totals.measured)} tickets jugés`} />
            <StatFigure label="Part des coûts de la commune" value={euros(r.totals.costCents)} hint="par an" />
          </SimpleGrid>
        </Paper>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <ChartFigure
            title="Niveau de service obtenu face au catalogue"
            id="niveaux"
            summary={`Diagramme en barres, part des tickets résolus dans les délais par service, mesurée puis cible : ${r.services.map((s) => `${s.name} ${percent(s.withinRate)} pour ${percent(s.target)}`).join(', ')}.`}
            table={{
              caption: 'Niveau de service par service souscrit',
              columns: ['Service', 'Tickets jugés', 'Mesuré (%)', 'Cible (%)', 'Atteint'],
              rows: r.services.map((s) => [s.name, s.measured, s.withinRate === null ? '—' : Math.round(s.withinRate * 1000) / 10, Math.round(s.target * 1000) / 10, s.met === null ? 'sans donnée' : s.met ? 'oui' : 'non']),
              numeric: [1, 2, 3],
            }}
          >
            <BarChart
              h={Math.max(200, levels.length * 56)}
              data={levels}
              dataKey="label"
              orientation="vertical"
              series={[
                { name: 'mesure', label: 'Mesuré', color: 'blue' },
                { name: 'cible', label: 'Cible du catalogue', color: 'orange.8' },
              ]}
              withLegend
              withTooltip={false}
              withBarValueLabel
              gridAxis="none"
              yAxisProps={{ width: 200 }}
              xAxisProps={{ domain: [0, 100] }}
              valueFormatter={(v) => `${formatNumber(v)} %`}
            />
          </ChartFigure>
          <ChartFigure
            title="Part des coûts par service"
            id="couts"
            summary={`Diagramme en barres, coût annuel pour la commune par service : ${r.services.map((s) => `${s.name} ${euros(s.costCents)}`).join(', ')}.`}
            table={{
              caption: 'Coût annuel par service',
              columns: ['Service', `Unités (${r.unitLabel})`, 'Coût unitaire (€)', 'Coût (€)', 'Part du coût total du service (%)'],
              rows: r.services.map((s) => [s.name, s.units, s.unitCostCents / 100, Math.round(s.costCents / 100), s.shareOfTotal === null ? '—' : Math.round(s.shareOfTotal * 1000) / 10]),
              numeric: [1, 2, 3, 4],
            }}
          >
            <HorizontalBars data={costs} series={{ name: 'cost', label: 'Coût annuel (€)', color: 'teal' }} labelWidth={200} />
          </ChartFigure>
        </SimpleGrid>
        <Section title="Écoles de la commune" id="ecoles" actions={<ExportButtons path={`/metropole/communes/${encodeURIComponent(communeId)}/service/export`} filters={{ year: String(year) }} basename="service-ecoles" />}>
          <ScrollRegion label="Écoles de la commune">
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">École</Table.Th>
                  <Table.Th scope="col">UAI</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Élèves</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Équipements</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Tickets ouverts</Table.Th>
                  <Table.Th scope="col">Dans les délais</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.schools.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={500}>{s.name}</Table.Th>
                    <Table.Td>{s.uai}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.pupils)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.devices)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.opened)}</Table.Td>
                    <Table.Td>{s.withinRate === null ? <Badge variant="light" color="gray">Sans donnée</Badge> : percent(s.withinRate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {r.schools.length === 0 && <Text c="dimmed">Aucune école.</Text>}
        </Section>
      </Stack>
    </>
  );
}
