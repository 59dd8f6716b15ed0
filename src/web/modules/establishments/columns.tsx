import { Badge, Group, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { formatDate, formatNumber, natureLabel, sectorLabels } from '../../labels';
import type { Establishment } from './types';
import { AnchorLink } from '../../ui/links';
import { displayName } from '../../../shared/display-name';

const column = createColumnHelper<Establishment>();

export function PriorityBadge({ value }: { value: string | null }) {
  if (!value) return <Text span size="sm" c="dimmed">Non</Text>;
  return (
    <Badge color={value === 'REP+' ? 'grape' : 'violet'} variant="light" radius="sm" style={{ flexShrink: 0, overflow: 'visible' }}>
      {value}
    </Badge>
  );
}

export function OpenBadge({ open }: { open: boolean }) {
  return (
    <Badge color={open ? 'teal' : 'gray'} variant="light" radius="sm" style={{ flexShrink: 0, overflow: 'visible' }}>
      {open ? 'Ouvert' : 'Fermé'}
    </Badge>
  );
}

type Meta = { numeric?: boolean; width?: number };
export const metaOf = (meta: unknown) => (meta ?? {}) as Meta;

/** Column ids match the API's sort names; the others are not sortable. */
export const establishmentColumns = [
  column.accessor('uai', {
    header: 'UAI',
    cell: (c) => <Text span ff="monospace" size="sm">{c.getValue()}</Text>,
    meta: { width: 100 },
  }),
  column.accessor('name', {
    header: 'Nom',
    cell: (c) => (
      <div style={{ minWidth: 200 }}>
        <AnchorLink to="/etablissements/$uai" params={{ uai: c.row.original.uai }} fw={600} underline="hover">
          {displayName(c.getValue())}
        </AnchorLink>
        <Text size="xs" c="dimmed">
          {(c.table.options.meta as { narrow?: boolean } | undefined)?.narrow ? `${c.row.original.uai} · ` : ''}
          {sectorLabels[c.row.original.sector] ?? c.row.original.sector}
        </Text>
      </div>
    ),
  }),
  column.accessor('natureCode', {
    header: 'Nature',
    cell: (c) => <Text size="sm">{natureLabel(c.getValue(), c.row.original.natureLabel)}</Text>,
    meta: { width: 170 },
  }),
  column.accessor('communeName', {
    header: 'Commune',
    cell: (c) => (
      <div>
        <Text size="sm">{[c.getValue(), c.row.original.postalCode && `(${c.row.original.postalCode})`].filter(Boolean).join(' ') || '—'}</Text>
        {c.row.original.academyName && <Text size="xs" c="dimmed">Académie de {c.row.original.academyName}</Text>}
      </div>
    ),
    meta: { width: 190 },
  }),
  column.accessor('pupils', {
    header: 'Élèves',
    cell: (c) => formatNumber(c.getValue()),
    meta: { numeric: true, width: 80 },
  }),
  column.display({
    id: 'status',
    header: 'Statut',
    cell: (c) => (
      <Group gap={4} wrap="nowrap">
        <OpenBadge open={c.row.original.isOpen} />
        {c.row.original.priorityEducation && <PriorityBadge value={c.row.original.priorityEducation} />}
      </Group>
    ),
    meta: { width: 130 },
  }),
  column.accessor('updatedAt', { header: 'Mis à jour', cell: (c) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDate(c.getValue())}</Text>, meta: { width: 110 } }),
];
