import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime, formatNumber } from '../../labels';
import { Facts } from '../../ui/Facts';
import { AnchorLink } from '../../ui/links';
import { Section } from '../../ui/Section';
import { establishmentQuery } from '../establishments/queries';
import { StaleBadge, StatusBadge } from './columns';
import {
  classLabel,
  formatAgo,
  formatCalendarDate,
  formatEuros,
  fundingSourceLabels,
  lockableFieldLabels,
  ownerKindLabels,
  type FundingSource,
  type OwnerKind,
} from './labels';
import { fleetStatsQuery } from './queries';
import type { AssetDetail } from './types';

const mono = (value: string | null, key: string) => (value ? <Text span ff="monospace" key={key} style={{ wordBreak: 'break-all' }}>{value}</Text> : null);

/** The room's "building — room" label, read from the school's premises. */
function useRoomLabel(uai: string | null, roomId: string | null): string | null {
  const school = useQuery({ ...establishmentQuery(uai ?? ''), enabled: Boolean(uai && roomId) });
  if (!roomId) return null;
  const room = school.data?.rooms.find((r) => r.id === roomId);
  if (!room) return school.isLoading ? '…' : 'Salle inconnue';
  const building = school.data?.buildings.find((b) => b.id === room.buildingId);
  return building ? `${building.name} — ${room.name}` : room.name;
}

export function IdentityCard({ asset: a, onEdit }: { asset: AssetDetail; onEdit?: () => void }) {
  const room = useRoomLabel(a.uai, a.roomId);
  const locked = a.lockedFields.map((f) => lockableFieldLabels[f] ?? f);
  return (
    <Section
      title="Identité"
      id="identite"
      actions={
        onEdit && (
          <Button size="sm" leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
            Modifier
          </Button>
        )
      }
    >
      <Stack gap="md">
        <Facts
          items={[
            ['Type', classLabel(a.class)],
            [
              'Statut',
              <Group gap={4} key="status">
                <StatusBadge status={a.status} />
                {a.stale && <StaleBadge />}
              </Group>,
            ],
            [
              'École ou établissement',
              a.uai ? (
                <AnchorLink to="/etablissements/$uai" params={{ uai: a.uai }} key="school">
                  {a.establishmentName} ({a.uai})
                </AnchorLink>
              ) : (
                'Stock de la collectivité'
              ),
            ],
            ['Salle', room],
            ['Nom', a.name],
            ['Fabricant et modèle', [a.manufacturer, a.model].filter(Boolean).join(' ') || null],
            ['Numéro de série', mono(a.serial, 'serial')],
            ['Numéro d’inventaire', mono(a.inventoryNumber, 'inv')],
            ['UUID matériel', mono(a.hardwareUuid, 'uuid')],
            ['Identifiant de l’agent', mono(a.agentDeviceId, 'agent')],
            [
              'Adresses MAC',
              a.macAddresses.length ? (
                <Stack gap={0} key="macs" component="span">
                  {a.macAddresses.map((m) => (
                    <Text span ff="monospace" key={m}>
                      {m}
                    </Text>
                  ))}
                </Stack>
              ) : null,
            ],
            ['Système', [a.osName, a.osVersion].filter(Boolean).join(' ') || null],
            [
              'Dernier inventaire',
              a.lastInventoryAt ? `${formatDateTime(a.lastInventoryAt)} (${formatAgo(a.lastInventoryAt)})` : 'Jamais inventorié par un agent',
            ],
            // present only while the authority keeps it (inventory settings); the server sends null otherwise
            ...(a.lastUser ? [['Dernier utilisateur connecté', a.lastUser] as [string, string]] : []),
          ]}
        />
        {locked.length > 0 && (
          <Text size="sm" c="dimmed">
            <IconLock size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> Champs verrouillés contre l’agent (modifiés à la main) : {locked.join(', ')}.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function WarrantyValue({ end }: { end: string }) {
  const expired = end < new Date().toISOString().slice(0, 10);
  return (
    <Group gap={6} component="span">
      <span>{formatCalendarDate(end)}</span>
      <Badge color={expired ? 'red' : 'teal'} variant="light" radius="sm">
        {expired ? 'Hors garantie' : 'Sous garantie'}
      </Badge>
    </Group>
  );
}

export function AdministrativeCard({ asset: a }: { asset: AssetDetail }) {
  const stats = useQuery(fleetStatsQuery());
  const life = stats.data?.expectedLifeYears[a.class] ?? null;
  const renewal = life && a.purchaseDate ? Number(a.purchaseDate.slice(0, 4)) + life : null;
  return (
    <Section title="Données administratives" id="administratif">
      <Facts
        items={[
          ['Propriétaire', ownerKindLabels[a.ownerKind as OwnerKind] ?? a.ownerKind],
          ['Financeur', a.funder ? (ownerKindLabels[a.funder as OwnerKind] ?? a.funder) : null],
          ['Source de financement', a.fundingSource ? (fundingSourceLabels[a.fundingSource as FundingSource] ?? a.fundingSource) : null],
          ['Fournisseur', a.supplier],
          ['Bon de commande', a.orderReference],
          ['Date d’achat', formatCalendarDate(a.purchaseDate)],
          ['Prix d’achat', a.purchasePrice === null ? null : formatEuros(a.purchasePrice, true)],
          ['Fin de garantie', a.warrantyEnd ? <WarrantyValue end={a.warrantyEnd} key="warranty" /> : null],
          ['Version de l’image (master)', a.imageVersion],
          ['Durée de vie attendue', life ? `${formatNumber(life)} ans (${classLabel(a.class).toLowerCase()})` : null],
          ['Renouvellement prévu', renewal ? `${renewal}${renewal <= new Date().getFullYear() ? ' (échu)' : ''}` : a.purchaseDate ? null : 'Date d’achat inconnue'],
        ]}
      />
    </Section>
  );
}
