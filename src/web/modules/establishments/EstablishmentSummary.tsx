import { Anchor, Button, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { contractTypeLabels, formatDateTime, formatNumber, natureLabel, sectorLabels, trackLabels } from '../../labels';
import { Facts } from '../../ui/Facts';
import { Section } from '../../ui/Section';
import { PriorityBadge } from './columns';
import type { EstablishmentDetail } from './types';

const coordinate = (value: number, positive: string, negative: string) =>
  `${Math.abs(value).toLocaleString('fr-FR', { maximumFractionDigits: 5 })}° ${value >= 0 ? positive : negative}`;

export function IdentityCard({ establishment: e, onEdit }: { establishment: EstablishmentDetail; onEdit?: () => void }) {
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
      <Facts
        items={[
          ['UAI', <Text span ff="monospace" key="uai">{e.uai}</Text>],
          ['Nature', `${natureLabel(e.natureCode, e.natureLabel)}${e.natureCode ? ` (${e.natureCode})` : ''}`],
          ['Secteur', sectorLabels[e.sector] ?? e.sector],
          ...(e.sector === 'private' ? [['Contrat', e.contractType ? (contractTypeLabels[e.contractType] ?? e.contractType) : null] as [string, string | null]] : []),
          ['Académie', e.academyName ? `${e.academyName}${e.academyCode ? ` (${e.academyCode})` : ''}` : null],
          ['Département', e.departmentCode],
          ['Élèves', e.pupils === null ? null : formatNumber(e.pupils)],
          ['Éducation prioritaire', <PriorityBadge value={e.priorityEducation} key="rep" />],
          ['Voies', e.tracks.length ? e.tracks.map((t) => trackLabels[t] ?? t).join(', ') : null],
          ['État', e.isOpen ? 'Ouvert' : 'Fermé ou pas encore ouvert'],
          ['Unité territoriale', e.unit ? `${e.unit.name} (${e.unit.code})` : 'Aucune'],
          ['Dernière mise à jour', formatDateTime(e.updatedAt)],
        ]}
      />
    </Section>
  );
}

export function ContactCard({ establishment: e }: { establishment: EstablishmentDetail }) {
  const hasPosition = e.latitude !== null && e.longitude !== null;
  return (
    <Section title="Adresse et contact" id="contact">
      <Facts
        items={[
          ['Adresse', e.address],
          ['Code postal', e.postalCode],
          ['Commune', e.communeName ? `${e.communeName}${e.communeCode ? ` (INSEE ${e.communeCode})` : ''}` : null],
          ['Téléphone', e.phone ? <Anchor href={`tel:${e.phone.replace(/\s/g, '')}`} key="tel">{e.phone}</Anchor> : null],
          ['Courriel', e.email ? <Anchor href={`mailto:${e.email}`} key="mail" style={{ wordBreak: 'break-all' }}>{e.email}</Anchor> : null],
          [
            'Coordonnées géographiques',
            hasPosition ? (
              <span key="geo">
                {coordinate(e.latitude!, 'N', 'S')}, {coordinate(e.longitude!, 'E', 'O')}
                <br />
                <Anchor
                  size="sm"
                  href={`https://www.openstreetmap.org/?mlat=${e.latitude}&mlon=${e.longitude}#map=17/${e.latitude}/${e.longitude}`}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  Voir sur OpenStreetMap (nouvelle fenêtre)
                </Anchor>
              </span>
            ) : null,
          ],
        ]}
      />
    </Section>
  );
}
