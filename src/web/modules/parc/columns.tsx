import { Badge, Checkbox, Group, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { formatDateTime } from '../../labels';
import { AnchorLink } from '../../ui/links';
import { classLabel, formatAgo, formatMegabytes, statusColors, statusLabel, type AssetStatus } from './labels';
import type { AssetSummary } from './types';

const column = createColumnHelper<AssetSummary>();

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={statusColors[status as AssetStatus] ?? 'gray'} variant="light" radius="sm">
      {statusLabel(status)}
    </Badge>
  );
}

export function StaleBadge() {
  return (
    <Badge color="orange" variant="outline" radius="sm">
      Non vu
    </Badge>
  );
}

/** The name a person reads: the device's name, else its serial, else its inventory number. */
export const assetLabel = (a: { name: string | null; serial: string | null; inventoryNumber: string | null }) =>
  a.name ?? a.serial ?? a.inventoryNumber ?? 'Équipement sans nom';

type Meta = { numeric?: boolean; width?: number };
export const metaOf = (meta: unknown) => (meta ?? {}) as Meta;
const narrowOf = (tableMeta: unknown) => (tableMeta as { narrow?: boolean } | undefined)?.narrow ?? false;

/** Column ids match the API's sort names; the others are not sortable. */
export const assetColumns = [
  column.display({
    id: 'select',
    header: ({ table }) => (
      <Checkbox
        aria-label="Sélectionner tous les équipements modifiables de la page"
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected()}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
        disabled={!table.getRowModel().rows.some((r) => r.getCanSelect())}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={`Sélectionner ${assetLabel(row.original)}`}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
    meta: { width: 44 },
  }),
  column.accessor('name', {
    header: 'Nom',
    cell: (c) => {
      const a = c.row.original;
      return (
        <div style={{ minWidth: 160 }}>
          <AnchorLink to="/parc/$id" params={{ id: a.id }} fw={600} underline="hover">
            {assetLabel(a)}
          </AnchorLink>
          <Text size="xs" c="dimmed">
            {narrowOf(c.table.options.meta)
              ? [classLabel(a.class), [a.manufacturer, a.model].filter(Boolean).join(' '), a.serial && `S/N ${a.serial}`].filter(Boolean).join(' · ')
              : [a.manufacturer, a.model].filter(Boolean).join(' ') || '—'}
          </Text>
        </div>
      );
    },
  }),
  column.accessor('serial', {
    header: 'N° de série',
    cell: (c) => (
      <Text span size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {c.getValue() ?? '—'}
      </Text>
    ),
    meta: { width: 150 },
  }),
  column.accessor('class', { id: 'assetClass', header: 'Type', cell: (c) => <Text size="sm">{classLabel(c.getValue())}</Text>, meta: { width: 150 } }),
  column.accessor('status', {
    header: 'Statut',
    cell: (c) => (
      <Group gap={4} wrap="nowrap">
        <StatusBadge status={c.getValue()} />
        {c.row.original.stale && <StaleBadge />}
      </Group>
    ),
    meta: { width: 150 },
  }),
  column.accessor('establishmentName', {
    header: 'Établissement',
    cell: (c) =>
      c.row.original.uai ? (
        <div style={{ minWidth: 160 }}>
          <Text size="sm">{c.getValue()}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {c.row.original.uai}
          </Text>
        </div>
      ) : (
        <Text size="sm" c="dimmed">
          Collectivité (stock)
        </Text>
      ),
  }),
  column.accessor('memoryMb', { header: 'Mémoire', cell: (c) => formatMegabytes(c.getValue()), meta: { numeric: true, width: 90 } }),
  column.accessor('lastInventoryAt', {
    header: 'Dernier inventaire',
    cell: (c) => {
      const at = c.getValue();
      if (!at) return <Text size="sm" c="dimmed">Jamais</Text>;
      return (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={at} title={formatDateTime(at)}>
            {formatAgo(at)}
          </time>
        </Text>
      );
    },
    meta: { width: 140 },
  }),
];
