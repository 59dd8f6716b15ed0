import { Group, SimpleGrid } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatNumber } from '../../labels';
import { AnchorLink } from '../../ui/links';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { StatFigure } from '../../ui/StatCard';
import { formatPercent } from './labels';
import { fleetStatsQuery } from './queries';
import { InventoryFreshness } from './InventoryFreshness';

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
          <StatFigure
            valueSize={26}
            label="Équipements en parc"
            value={s ? formatNumber(s.fleet) : '…'}
            hint={
              <AnchorLink to="/parc" size="xs">
                Voir la liste
              </AnchorLink>
            }
          />
          <StatFigure
            valueSize={26}
            label={s ? `Non vus depuis ${s.stale.afterDays} jours` : 'Non vus récemment'}
            value={s ? formatNumber(s.stale.count) : '…'}
            hint={s ? <InventoryFreshness stale={s.stale} /> : undefined}
          />
          <StatFigure
            valueSize={26}
            label="Hors garantie"
            value={s ? formatNumber(s.warranty.expired) : '…'}
            hint={s ? `${formatPercent(s.warranty.outOfWarrantyShare)} des équipements dont la garantie est connue` : undefined}
          />
        </SimpleGrid>
      )}
    </Section>
  );
}
