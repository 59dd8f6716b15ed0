import { Badge, Group, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { formatDateTime } from '../../../labels';
import { AnchorLink } from '../../../ui/links';
import { PriorityBadge, SlaCell, TicketStatusBadge } from './badges';
import type { TicketSummary } from './types';

const column = createColumnHelper<TicketSummary>();

type Meta = { width?: number };
export const metaOf = (meta: unknown) => (meta ?? {}) as Meta;

export const ticketReference = (n: number) => `n° ${n}`;

/** Column ids match the API's sort names where the column is sortable. */
export const ticketColumns = [
  column.accessor('number', {
    header: 'N°',
    cell: (c) => (
      <AnchorLink to="/guichet/$ticketId" params={{ ticketId: c.row.original.id }} fw={600} underline="hover" style={{ whiteSpace: 'nowrap' }}>
        {ticketReference(c.getValue())}
      </AnchorLink>
    ),
    meta: { width: 90 },
  }),
  column.accessor('title', {
    header: 'Ticket',
    cell: (c) => {
      const t = c.row.original;
      return (
        <div style={{ minWidth: 200 }}>
          <Text size="sm" fw={600}>
            {t.title}
          </Text>
          <Group gap={4} mt={2}>
            <Text size="xs" c="dimmed">
              {t.typeLabel}
              {t.category ? ` · ${t.category.label}` : ' · À trier'}
            </Text>
            {t.problemFlag && (
              <Badge size="xs" color="grape" variant="outline">
                Problème
              </Badge>
            )}
          </Group>
        </div>
      );
    },
  }),
  column.accessor('status', { header: 'Statut', cell: (c) => <TicketStatusBadge status={c.getValue()} label={c.row.original.statusLabel} />, meta: { width: 130 } }),
  column.accessor('priority', { header: 'Priorité', cell: (c) => <PriorityBadge priority={c.getValue()} label={c.row.original.priorityLabel} />, meta: { width: 150 } }),
  column.display({
    id: 'school',
    header: 'Établissement',
    cell: (c) => {
      const e = c.row.original.establishment;
      return (
        <div style={{ minWidth: 150 }}>
          <Text size="sm">{e.name}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {e.uai}
          </Text>
        </div>
      );
    },
  }),
  column.display({
    id: 'team',
    header: 'Équipe',
    cell: (c) => {
      const t = c.row.original;
      return (
        <div style={{ minWidth: 140 }}>
          <Text size="sm">{t.assignedTeam?.name ?? 'Aucune équipe'}</Text>
          <Text size="xs" c="dimmed">
            {t.levelLabel}
          </Text>
        </div>
      );
    },
  }),
  column.accessor((row) => row.sla.dueToResolve, { id: 'dueToResolve', header: 'Échéances', cell: (c) => <SlaCell sla={c.row.original.sla} /> }),
  column.accessor('openedAt', {
    header: 'Ouvert le',
    cell: (c) => (
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={c.getValue()}>{formatDateTime(c.getValue())}</time>
      </Text>
    ),
    meta: { width: 150 },
  }),
];
