import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { roomKindLabels } from '../../labels';
import type { RoomFields } from './premises-api';
import type { Room } from './types';

const kindOptions = Object.entries(roomKindLabels).map(([value, label]) => ({ value, label }));

/** Adds a room to a building or edits one. */
export function RoomForm(props: { buildingId: string; room?: Room; busy: boolean; onSubmit: (room: RoomFields) => Promise<unknown>; onCancel: () => void }) {
  const [name, setName] = useState(props.room?.name ?? '');
  const [kind, setKind] = useState(props.room?.kind ?? 'classroom');
  const [floor, setFloor] = useState(props.room?.floor ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    await props.onSubmit({ buildingId: props.buildingId, name: name.trim(), kind, floor: floor.trim() || null }).then(props.onCancel, () => undefined);
  };

  return (
    <form onSubmit={submit} aria-label={props.room ? `Modifier la salle ${props.room.name}` : 'Nouvelle salle'}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label="Nom de la salle" value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} autoFocus style={{ flex: 2, minWidth: 180 }} />
        <NativeSelect label="Type" data={kindOptions} value={kind} onChange={(e) => setKind(e.currentTarget.value)} style={{ flex: 1, minWidth: 150 }} />
        <TextInput label="Étage" value={floor} onChange={(e) => setFloor(e.currentTarget.value)} maxLength={20} style={{ width: 100 }} />
        <Button type="submit" loading={props.busy}>
          {props.room ? 'Enregistrer' : 'Ajouter la salle'}
        </Button>
        <Button variant="default" onClick={props.onCancel}>
          Annuler
        </Button>
      </Group>
    </form>
  );
}
