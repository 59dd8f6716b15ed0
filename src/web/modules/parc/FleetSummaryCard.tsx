import { Group, SimpleGrid, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatNumber } from '../../labels';
import { AnchorLink } from '../../ui/links';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { formatPercent } from './labels';
import { fleetStatsQuery } from './queries';

function Figure(props: { label: string; value: string; hint?: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" fw={500}>
        {props.label}
      </Text>
      <Text fw={800} fz={26} lh={1.2}>
        {props.value}
      </Text>
      {props.hint && (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </div>
  );
}

/** The home page's fleet figures: devices, not seen lately, out of warranty (one call, the dashboard's). */
export function FleetSummaryCard() {
  const stats = useQuery(fleetStatsQuery());
  const s = stats.data;
  return (
    <Section
      title="Parc informatique"
      id="parc"
      actions={
        <AnchorLink to="/parc/tableau-de-bord" size="sm">
          <Group gap={4} wrap="nowrap">
            Tableau de bord du parc
            <IconArrowRight size={16} aria-hidden />
          </Group>
        </AnchorLink>
      }
    >
      {stats.error ? (
        <QueryError error={stats.error} retry={() => void stats.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <Figure
            label="Équipements en parc"
            value={s ? formatNumber(s.fleet) : '…'}
            hint={
              <AnchorLink to="/parc" size="xs">
                Voir la liste
              </AnchorLink>
            }
          />
          <Figure
            label={s ? `Non vus depuis ${s.stale.afterDays} jours` : 'Non vus récemment'}
            value={s ? formatNumber(s.stale.count) : '…'}
            hint={
              s && s.stale.count > 0 ? (
                <AnchorLink to="/parc" search={{ staleDays: s.stale.afterDays }} size="xs">
                  Voir ces équipements
                </AnchorLink>
              ) : (
                'inventaire automatique à jour'
              )
            }
          />
          <Figure
            label="Hors garantie"
            value={s ? formatNumber(s.warranty.expired) : '…'}
            hint={s ? `${formatPercent(s.warranty.outOfWarrantyShare)} des équipements dont la garantie est connue` : undefined}
          />
        </SimpleGrid>
      )}
    </Section>
  );
}
