import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import { formatDateTime, formatNumber } from '../../../labels';
import { AnchorLink } from '../../../ui/links';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { StatFigure } from '../../../ui/StatCard';
import { TicketStatusBadge } from '../tickets/badges';
import type { TicketListSearch } from '../tickets/list-search';

type DeskHome = Awaited<ReturnType<typeof fetchDeskHome>>;
type Focus = DeskHome['focus'];

const fetchDeskHome = (signal: AbortSignal) => call(apiClient.GET('/api/desk/home', { signal }));

export const deskHomeQuery = () => ({ queryKey: ['desk', getActiveTenant(), 'home'], queryFn: ({ signal }: { signal: AbortSignal }) => fetchDeskHome(signal) });

/** What each focus calls its section, its first tickets, and where « all of them » leads. */
const wording: Record<Focus, { title: string; list: string; empty: string; all: TicketListSearch }> = {
  school: { title: 'Vos tickets en cours', list: 'Dernières nouvelles de vos tickets ouverts', empty: 'Aucun ticket ouvert pour votre établissement.', all: { status: 'open', sort: 'updatedAt', order: 'desc' } },
  queue: { title: 'Votre file', list: 'Les plus urgents de votre file', empty: 'Aucun ticket ouvert dans votre file.', all: { status: 'open', sort: 'dueToResolve', order: 'asc' } },
  desk: { title: 'Guichet', list: 'Tickets en retard, les plus anciens d’abord', empty: 'Aucun ticket en retard.', all: { status: 'open', breached: 'true', sort: 'dueToResolve', order: 'asc' } },
};

function Figures({ home }: { home: DeskHome }) {
  const c = home.counts;
  const figure = (label: string, value: number, search: TicketListSearch) => (
    <StatFigure valueSize={26} label={label} value={formatNumber(value)} hint={<AnchorLink to="/guichet" search={search} size="xs">Voir la liste</AnchorLink>} />
  );
  if (home.focus === 'school') {
    return (
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        {figure('Tickets ouverts', c.open, { status: 'open' })}
        {figure('Demandés par vous', c.requestedByMe, { status: 'open', mine: 'requested' })}
        {figure('En retard', c.late, { status: 'open', breached: 'true' })}
      </SimpleGrid>
    );
  }
  if (home.focus === 'queue') {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        {figure('Assignés à vous', c.assignedToMe, { status: 'open', mine: 'assigned' })}
        {figure('Ouverts dans votre périmètre', c.open, { status: 'open' })}
        {figure('En retard', c.late, { status: 'open', breached: 'true' })}
        {figure('Nouveaux à prendre en charge', c.unowned, { status: 'new' })}
      </SimpleGrid>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
      {figure('Tickets ouverts', c.open, { status: 'open' })}
      {figure('En retard', c.late, { status: 'open', breached: 'true' })}
      {figure('Nouveaux à prendre en charge', c.unowned, { status: 'new' })}
      <StatFigure valueSize={26} label="Résolus en 30 jours" value={formatNumber(c.solvedLast30Days)} />
    </SimpleGrid>
  );
}

/** The desk as the home page shows it: a school its tickets, a technician their queue, the desk its backlog. */
export function DeskHomeCard() {
  const query = useQuery(deskHomeQuery());
  const home = query.data;
  const words = home ? wording[home.focus] : wording.desk;
  return (
    <Section
      title={home ? words.title : 'Guichet'}
      id="guichet"
      actions={
        <AnchorLink to="/guichet/tableau-de-bord" size="sm">
          <Group gap={4} wrap="nowrap">
            Tableau de bord du guichet
            <IconArrowRight size={16} aria-hidden />
          </Group>
        </AnchorLink>
      }
    >
      {query.error ? (
        <QueryError error={query.error} retry={() => void query.refetch()} />
      ) : !home ? (
        <Text c="dimmed">Chargement…</Text>
      ) : (
        <Stack gap="md">
          <Figures home={home} />
          <div>
            <Text fw={600} size="sm" id="guichet-premiers">{words.list}</Text>
            {home.tickets.length === 0 ? (
              <Text c="dimmed" size="sm">{words.empty}</Text>
            ) : (
              <Stack component="ul" gap={6} aria-labelledby="guichet-premiers" style={{ listStyle: 'none', padding: 0, margin: '6px 0 0' }}>
                {home.tickets.map((ticket) => (
                  <li key={ticket.id}>
                    <Group gap="xs" wrap="nowrap" align="baseline">
                      <TicketStatusBadge status={ticket.status} label={ticket.statusLabel} />
                      <Text size="sm" style={{ minWidth: 0 }}>
                        <AnchorLink to="/guichet/$ticketId" params={{ ticketId: ticket.id }}>n° {ticket.number} — {ticket.title}</AnchorLink>{' '}
                        <Text span size="xs" c="dimmed">
                          {ticket.establishment.name}
                          {ticket.sla.dueToResolve ? ` · à résoudre avant le ${formatDateTime(ticket.sla.dueToResolve)}` : ''}
                          {ticket.sla.breached ? ' · en retard' : ''}
                        </Text>
                      </Text>
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
            {home.ticketsTotal > home.tickets.length && (
              <AnchorLink to="/guichet" search={words.all} size="sm">
                Voir les {formatNumber(home.ticketsTotal)} tickets
              </AnchorLink>
            )}
          </div>
        </Stack>
      )}
    </Section>
  );
}
