import { Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { plural } from '../../../shared/french';
import { apiClient, call, errorMessage } from '../../api/client';
import { formatNumber } from '../../labels';
import { useMe } from '../../session/session';
import type { Permission } from '../../session/types';
import { AnchorLink } from '../../ui/links';
import { Section } from '../../ui/Section';
import { StatFigure } from '../../ui/StatCard';
import { linkTechnologyLabels } from '../../../modules/marches/links/operations/link.input';
import { orderStatusLabels } from '../../../modules/marches/orders/operations/order.input';
import { euros } from '../marches/format';
import { stateLabel } from '../campagnes/labels';
import { schoolDossiersQuery } from '../campagnes/queries';
import { InventoryFreshness } from '../parc/InventoryFreshness';
import { fleetStatsQuery } from '../parc/queries';

interface OpenTickets {
  total: number;
  items: { id: string; number: number; title: string; statusLabel: string }[];
}

type RecordsPage = { items: { id: string }[]; total: number };

/** What another module keeps about a school, shown as its count, its latest few and the way to all of them. */
interface SchoolRecords<Page extends RecordsPage, Key extends QueryKey> {
  title: string;
  id: string;
  query: (uai: string) => UseQueryOptions<Page, Error, Page, Key>;
  empty: string;
  /** words the total (« 3 tickets ouverts ») */
  count: (total: number) => string;
  item: (item: Page['items'][number]) => ReactNode;
  /** the link to the full list */
  more: (uai: string) => ReactNode;
}

/** A section's component from its description: the query and the shape are all that differ. */
function recordsSection<Page extends RecordsPage, Key extends QueryKey>(records: SchoolRecords<Page, Key>) {
  return function RecordsSection({ uai }: { uai: string }) {
    return <RecordsOfSchool records={records} uai={uai} />;
  };
}

const ticketsOfSchool = recordsSection<OpenTickets, QueryKey>({
  title: 'Tickets ouverts',
  id: 'tickets-etablissement',
  query: (uai) => ({
    queryKey: ['tickets', 'of-school', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/tickets', { params: { query: { uai, status: 'open', pageSize: 5, sort: 'updatedAt' } }, signal })) as Promise<OpenTickets>,
  }),
  empty: 'Aucun ticket ouvert.',
  count: (n) => plural(n, 'ticket ouvert', 'tickets ouverts'),
  item: (ticket) => (
    <>
      <AnchorLink to="/guichet/$ticketId" params={{ ticketId: ticket.id }} size="sm">n° {ticket.number} — {ticket.title}</AnchorLink> <Text span size="xs" c="dimmed">({ticket.statusLabel})</Text>
    </>
  ),
  more: (uai) => <AnchorLink to="/guichet" search={{ uai, status: 'open' }} size="sm">Tous ses tickets ouverts</AnchorLink>,
});

/** The links serving the school today (the contracts module's), as the steering's internet indicators read them. */
const linksOfSchool = recordsSection({
  title: 'Liens réseau',
  id: 'liens-etablissement',
  query: (uai) => ({
    queryKey: ['site-links', 'of-school', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/site-links', { params: { query: { uai, pageSize: 5 } }, signal })),
  }),
  empty: 'Aucun lien en service connu.',
  count: (n) => plural(n, 'lien en service', 'liens en service'),
  item: (link) => (
    <>
      {linkTechnologyLabels[link.technology]} {formatNumber(link.downMbps)}/{formatNumber(link.upMbps)} Mbit/s{link.symmetric ? ' symétrique' : ''} — {link.operator},{' '}
      {euros(link.monthlyCostCents)} par mois
    </>
  ),
  more: (uai) => <AnchorLink to="/marches/liens" search={{ uai }} size="sm">Liens et historique de l’établissement</AnchorLink>,
});

/** The purchase orders with a line for the school (the contracts module's), latest first. */
const ordersOfSchool = recordsSection({
  title: 'Bons de commande',
  id: 'commandes-etablissement',
  query: (uai) => ({
    queryKey: ['purchase-orders', 'of-school', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/purchase-orders', { params: { query: { uai, pageSize: 5 } }, signal })),
  }),
  empty: 'Aucun bon de commande pour cet établissement.',
  count: (n) => plural(n, 'bon de commande', 'bons de commande'),
  item: (order) => (
    <>
      <AnchorLink to="/marches/commandes/$id" params={{ id: order.id }} size="sm">{order.reference}</AnchorLink> — {order.memberName}, {euros(order.totalExclTaxCents)} HT{' '}
      <Text span size="xs" c="dimmed">({orderStatusLabels[order.status]})</Text>
    </>
  ),
  more: (uai) => <AnchorLink to="/marches/commandes" search={{ uai }} size="sm">Tous ses bons de commande</AnchorLink>,
});

/** The school's own files in the calls (renewal, projects, candidatures) that the reader sees, latest change first. */
const dossiersOfSchool = recordsSection({
  title: 'Dossiers des campagnes',
  id: 'dossiers-etablissement',
  query: (uai) => schoolDossiersQuery(uai, 1, 5),
  empty: 'Aucun dossier de campagne visible pour cet établissement.',
  count: (n) => plural(n, 'dossier de campagne', 'dossiers de campagne'),
  item: (file) => (
    <>
      <AnchorLink to="/campagnes/dossiers/$id" params={{ id: file.id }} size="sm">n° {file.number} — {file.campaign.title}</AnchorLink> <Text span size="xs" c="dimmed">({stateLabel(file.state)})</Text>
    </>
  ),
  more: (uai) => <AnchorLink to="/campagnes/etablissement/$uai" params={{ uai }} size="sm">Tous ses dossiers de campagne</AnchorLink>,
});

/** The sections in the order they are shown, each with the permission that shows it. */
const sections: { permission: Permission; Section: (props: { uai: string }) => ReactNode }[] = [
  { permission: 'asset.read', Section: FleetOfSchool },
  { permission: 'ticket.read', Section: ticketsOfSchool },
  { permission: 'link.read', Section: linksOfSchool },
  { permission: 'order.read', Section: ordersOfSchool },
  { permission: 'dossier.read', Section: dossiersOfSchool },
];

/** The school seen from the other modules: its fleet, tickets, links, orders and calls' files, with the way to each. */
export function EstablishmentActivity({ uai }: { uai: string }) {
  const permissions = useMe().permissions;
  const shown = sections.filter((s) => permissions[s.permission] === true);
  if (shown.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, lg: Math.min(shown.length, 2) }} spacing="lg">
      {shown.map(({ permission, Section: Shown }) => (
        <Shown key={permission} uai={uai} />
      ))}
    </SimpleGrid>
  );
}

function RecordsOfSchool<Page extends RecordsPage, Key extends QueryKey>({ records, uai }: { records: SchoolRecords<Page, Key>; uai: string }) {
  const { data, error } = useQuery(records.query(uai));
  return (
    <Section title={records.title} id={records.id}>
      {error ? (
        <Text c="red" role="alert">{errorMessage(error)}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{data ? (data.total === 0 ? records.empty : `${records.count(data.total)}.`) : 'Chargement…'}</Text>
          {data && data.items.length > 0 && (
            <List spacing={4} size="sm">
              {data.items.map((item) => (
                <List.Item key={item.id}>{records.item(item)}</List.Item>
              ))}
            </List>
          )}
          {records.more(uai)}
        </Stack>
      )}
    </Section>
  );
}

function FleetOfSchool({ uai }: { uai: string }) {
  const stats = useQuery(fleetStatsQuery(uai));
  const s = stats.data;
  return (
    <Section title="Parc de l’établissement" id="parc-etablissement">
      {stats.error ? (
        <Text c="red" role="alert">{errorMessage(stats.error)}</Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="md">
            <StatFigure valueSize={24} label="Équipements en parc" value={s ? formatNumber(s.fleet) : '…'} />
            <StatFigure valueSize={24} label={s ? `Non vus depuis ${s.stale.afterDays} jours` : 'Non vus récemment'} value={s ? formatNumber(s.stale.count) : '…'} hint={s ? <InventoryFreshness stale={s.stale} uai={uai} /> : undefined} />
          </SimpleGrid>
          <Group gap="md">
            <AnchorLink to="/parc" search={{ uai }} size="sm">Voir ses équipements</AnchorLink>
            <AnchorLink to="/parc/tableau-de-bord" search={{ uai }} size="sm">Tableau de bord de son parc</AnchorLink>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
