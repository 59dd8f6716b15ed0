import { Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { plural } from '../../../shared/french';
import { apiClient, call, errorMessage } from '../../api/client';
import { formatNumber } from '../../labels';
import { useCan } from '../../session/session';
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

/** The school seen from the other modules: its fleet, its open tickets and its network links, with the way to each. */
export function EstablishmentActivity({ uai }: { uai: string }) {
  const canFleet = useCan('asset.read');
  const canTickets = useCan('ticket.read');
  const canLinks = useCan('link.read');
  const canOrders = useCan('order.read');
  const canFiles = useCan('dossier.read');
  const shown = [canFleet, canTickets, canLinks, canOrders, canFiles].filter(Boolean).length;
  if (shown === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, lg: Math.min(shown, 2) }} spacing="lg">
      {canFleet && <FleetOfSchool uai={uai} />}
      {canTickets && <TicketsOfSchool uai={uai} />}
      {canLinks && <LinksOfSchool uai={uai} />}
      {canOrders && <OrdersOfSchool uai={uai} />}
      {canFiles && <DossiersOfSchool uai={uai} />}
    </SimpleGrid>
  );
}

/**
 * A school's records kept by another module: how many, the latest few, and the way to all of them.
 * `count` words the total (« 3 tickets ouverts »); `more` is the link to the full list.
 */
function RecordsOfSchool<Item extends { id: string }>(props: {
  title: string;
  id: string;
  query: { data?: { items: Item[]; total: number }; error: unknown };
  empty: string;
  count: (total: number) => string;
  item: (item: Item) => ReactNode;
  more: ReactNode;
}) {
  const { data, error } = props.query;
  return (
    <Section title={props.title} id={props.id}>
      {error ? (
        <Text c="red" role="alert">{errorMessage(error)}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{data ? (data.total === 0 ? props.empty : `${props.count(data.total)}.`) : 'Chargement…'}</Text>
          {data && data.items.length > 0 && (
            <List spacing={4} size="sm">
              {data.items.map((item) => (
                <List.Item key={item.id}>{props.item(item)}</List.Item>
              ))}
            </List>
          )}
          {props.more}
        </Stack>
      )}
    </Section>
  );
}

/** The purchase orders with a line for the school (the contracts module's), latest first. */
function OrdersOfSchool({ uai }: { uai: string }) {
  const orders = useQuery({
    queryKey: ['purchase-orders', 'of-school', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/purchase-orders', { params: { query: { uai, pageSize: 5 } }, signal })),
  });
  return (
    <RecordsOfSchool
      title="Bons de commande"
      id="commandes-etablissement"
      query={orders}
      empty="Aucun bon de commande pour cet établissement."
      count={(n) => plural(n, 'bon de commande', 'bons de commande')}
      item={(order) => (
        <>
          <AnchorLink to="/marches/commandes/$id" params={{ id: order.id }} size="sm">{order.reference}</AnchorLink> — {order.memberName}, {euros(order.totalExclTaxCents)} HT{' '}
          <Text span size="xs" c="dimmed">({orderStatusLabels[order.status]})</Text>
        </>
      )}
      more={<AnchorLink to="/marches/commandes" search={{ uai }} size="sm">Tous ses bons de commande</AnchorLink>}
    />
  );
}

/** The school's own files in the calls (renewal, projects, candidatures) that the reader sees, latest change first. */
function DossiersOfSchool({ uai }: { uai: string }) {
  const files = useQuery(schoolDossiersQuery(uai, 1, 5));
  return (
    <RecordsOfSchool
      title="Dossiers des campagnes"
      id="dossiers-etablissement"
      query={files}
      empty="Aucun dossier de campagne visible pour cet établissement."
      count={(n) => plural(n, 'dossier de campagne', 'dossiers de campagne')}
      item={(file) => (
        <>
          <AnchorLink to="/campagnes/dossiers/$id" params={{ id: file.id }} size="sm">n° {file.number} — {file.campaign.title}</AnchorLink> <Text span size="xs" c="dimmed">({stateLabel(file.state)})</Text>
        </>
      )}
      more={<AnchorLink to="/campagnes/etablissement/$uai" params={{ uai }} size="sm">Tous ses dossiers de campagne</AnchorLink>}
    />
  );
}

/** The links serving the school today (the contracts module's), as the steering's internet indicators read them. */
function LinksOfSchool({ uai }: { uai: string }) {
  const links = useQuery({
    queryKey: ['site-links', 'of-school', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/site-links', { params: { query: { uai, pageSize: 5 } }, signal })),
  });
  return (
    <RecordsOfSchool
      title="Liens réseau"
      id="liens-etablissement"
      query={links}
      empty="Aucun lien en service connu."
      count={(n) => plural(n, 'lien en service', 'liens en service')}
      item={(link) => (
        <>
          {linkTechnologyLabels[link.technology]} {formatNumber(link.downMbps)}/{formatNumber(link.upMbps)} Mbit/s{link.symmetric ? ' symétrique' : ''} — {link.operator},{' '}
          {euros(link.monthlyCostCents)} par mois
        </>
      )}
      more={<AnchorLink to="/marches/liens" search={{ uai }} size="sm">Liens et historique de l’établissement</AnchorLink>}
    />
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

function TicketsOfSchool({ uai }: { uai: string }) {
  const tickets = useQuery({
    queryKey: ['tickets', 'of-school', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/tickets', { params: { query: { uai, status: 'open', pageSize: 5, sort: 'updatedAt' } }, signal })) as Promise<OpenTickets>,
  });
  return (
    <RecordsOfSchool
      title="Tickets ouverts"
      id="tickets-etablissement"
      query={tickets}
      empty="Aucun ticket ouvert."
      count={(n) => plural(n, 'ticket ouvert', 'tickets ouverts')}
      item={(ticket) => (
        <>
          <AnchorLink to="/guichet/$ticketId" params={{ ticketId: ticket.id }} size="sm">n° {ticket.number} — {ticket.title}</AnchorLink> <Text span size="xs" c="dimmed">({ticket.statusLabel})</Text>
        </>
      )}
      more={<AnchorLink to="/guichet" search={{ uai, status: 'open' }} size="sm">Tous ses tickets ouverts</AnchorLink>}
    />
  );
}
