import { Group, NativeSelect, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatNumber } from '../../labels';
import { ExportButtons } from '../../ui/ExportButtons';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { assetClasses, classLabel, formatEuros } from './labels';
import { renewalQuery } from './queries';
import type { RenewalForecast } from './types';

/** year × class → devices due (overdue ones are counted in the first year) and cost. */
function pivot(forecast: RenewalForecast) {
  const years = Array.from({ length: forecast.years }, (_, i) => forecast.from + i);
  const cells = new Map<string, { due: number; overdue: number; cost: number; unpriced: boolean }>();
  for (const r of forecast.rows) {
    const key = `${r.class}|${r.year}`;
    const cell = cells.get(key) ?? { due: 0, overdue: 0, cost: 0, unpriced: false };
    cell.due += r.due;
    cell.overdue += r.overdue;
    if (r.estimatedCost === null) cell.unpriced = true;
    else cell.cost += r.estimatedCost;
    cells.set(key, cell);
  }
  const classes = assetClasses.filter((c) => years.some((y) => cells.has(`${c}|${y}`)));
  return { years, classes, cells };
}

/** The renewal forecast by year and class: what reaches its expected life, and what replacing it costs. */
export function RenewalSection({ uai }: { uai?: string }) {
  const [years, setYears] = useState(5);
  const forecast = useQuery(renewalQuery(uai, years));
  return (
    <Section
      title="Prévision de renouvellement"
      id="renouvellement"
      actions={
        <NativeSelect
          aria-label="Horizon de la prévision"
          size="sm"
          data={[3, 5, 8, 10].map((n) => ({ value: String(n), label: `${n} ans` }))}
          value={String(years)}
          onChange={(e) => setYears(Number(e.currentTarget.value))}
        />
      }
    >
      {forecast.error ? (
        <QueryError error={forecast.error} retry={() => void forecast.refetch()} />
      ) : !forecast.data ? (
        <Loading label="Calcul de la prévision…" />
      ) : (
        <RenewalTable forecast={forecast.data} />
      )}
      <Group gap="sm" mt="md" justify="space-between" role="group" aria-label="Export du cycle de vie, équipement par équipement">
        <Text size="sm" c="dimmed">
          Équipement par équipement : âge, durée de vie attendue, année de renouvellement et garantie.
        </Text>
        <ExportButtons path="/fleet/lifecycle/export" filters={{ uai }} basename="cycle-de-vie" />
      </Group>
    </Section>
  );
}

function RenewalTable({ forecast }: { forecast: RenewalForecast }) {
  const { years, classes, cells } = pivot(forecast);
  const totals = new Map(forecast.totals.map((t) => [t.year, t]));
  if (classes.length === 0) return <Text c="dimmed">Aucun équipement n’arrive en fin de vie sur la période.</Text>;
  const overdue = forecast.totals.reduce((s, t) => s + t.overdue, 0);
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        Équipements arrivant au terme de leur durée de vie attendue, par année ; ceux déjà au-delà ({formatNumber(overdue)}) sont comptés en {forecast.from}. Coût
        estimé au prix moyen d’achat de chaque type.
      </Text>
      <div className="table-scroll" role="region" aria-labelledby="legende-renouvellement" tabIndex={0}>
        <Table captionSide="top" verticalSpacing="xs" striped withColumnBorders miw={560}>
          <Table.Caption id="legende-renouvellement" className="visually-hidden">
            Prévision de renouvellement : nombre d’équipements par type (lignes) et par année (colonnes)
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Type</Table.Th>
              {years.map((y) => (
                <Table.Th key={y} scope="col" style={{ textAlign: 'right' }}>
                  {y}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {classes.map((c) => (
              <Table.Tr key={c}>
                <Table.Th scope="row" fw={500}>
                  {classLabel(c)}
                </Table.Th>
                {years.map((y) => {
                  const cell = cells.get(`${c}|${y}`);
                  return (
                    <Table.Td key={y} style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {cell ? formatNumber(cell.due + cell.overdue) : '—'}
                      {cell && cell.overdue > 0 && (
                        <Text span size="xs" c="dimmed" display="block">
                          dont {formatNumber(cell.overdue)} en retard
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">Total</Table.Th>
              {years.map((y) => (
                <Table.Td key={y} fw={700} style={{ textAlign: 'right' }}>
                  {formatNumber((totals.get(y)?.due ?? 0) + (totals.get(y)?.overdue ?? 0))}
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Coût estimé</Table.Th>
              {years.map((y) => {
                const t = totals.get(y);
                return (
                  <Table.Td key={y} fw={700} style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {t ? formatEuros(t.estimatedCost) : '—'}
                    {t && t.unpriced > 0 && (
                      <Text span size="xs" c="dimmed" fw={400} display="block">
                        + {formatNumber(t.unpriced)} sans prix
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </div>
      {forecast.unknownAge.length > 0 && (
        <Group gap="xs" mt="sm">
          <Text size="sm" c="dimmed">
            Âge inconnu (ni date d’achat ni premier inventaire) :{' '}
            {forecast.unknownAge.map((u) => `${formatNumber(u.count)} ${classLabel(u.class).toLowerCase()}`).join(', ')}.
          </Text>
        </Group>
      )}
    </>
  );
}
