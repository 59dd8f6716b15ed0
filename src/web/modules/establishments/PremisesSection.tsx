import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Section } from '../../ui/Section';
import { BuildingBlock } from './BuildingBlock';
import { usePremises } from './premises-api';
import type { EstablishmentDetail } from './types';

export function PremisesSection({ establishment: e }: { establishment: EstablishmentDetail }) {
  const premises = usePremises(e.uai);
  const canManage = e.permissions.managePremises;
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    await premises.mutateAsync({ op: 'create-building', name: name.trim() }).then(
      () => {
        setName('');
        setAdding(false);
      },
      () => undefined,
    );
  };

  return (
    <Section
      title={`Bâtiments et salles (${e.buildings.length} bâtiment${e.buildings.length > 1 ? 's' : ''}, ${e.rooms.length} salle${e.rooms.length > 1 ? 's' : ''})`}
      id="locaux"
      actions={
        canManage &&
        !adding && (
          <Button size="sm" variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Ajouter un bâtiment
          </Button>
        )
      }
    >
      <Stack gap="md">
        {adding && (
          <form onSubmit={add} aria-label="Nouveau bâtiment">
            <Group align="flex-end" gap="sm">
              <TextInput label="Nom du bâtiment" value={name} onChange={(ev) => setName(ev.currentTarget.value)} required maxLength={120} data-autofocus autoFocus style={{ flex: 1, minWidth: 220 }} />
              <Button type="submit" loading={premises.isPending}>
                Ajouter
              </Button>
              <Button variant="default" onClick={() => setAdding(false)}>
                Annuler
              </Button>
            </Group>
          </form>
        )}
        {e.buildings.length === 0 && !adding && (
          <Text c="dimmed">
            Aucun bâtiment enregistré.{canManage ? ' Ajoutez les bâtiments puis leurs salles (classes, ateliers, CDI, internat…).' : ''}
          </Text>
        )}
        {e.buildings.map((b) => (
          <BuildingBlock key={b.id} building={b} rooms={e.rooms.filter((r) => r.buildingId === b.id)} canManage={canManage} premises={premises} />
        ))}
      </Stack>
    </Section>
  );
}
