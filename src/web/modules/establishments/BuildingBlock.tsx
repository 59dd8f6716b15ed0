import { ActionIcon, Button, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { roomKindLabels } from '../../labels';
import type { usePremises } from './premises-api';
import { RoomForm } from './RoomForm';
import type { Building, Room } from './types';

interface Props {
  building: Building;
  rooms: Room[];
  canManage: boolean;
  premises: ReturnType<typeof usePremises>;
}

export function BuildingBlock({ building, rooms, canManage, premises }: Props) {
  const [mode, setMode] = useState<'view' | 'rename' | 'add-room' | { room: Room }>('view');
  const [name, setName] = useState(building.name);
  const close = () => setMode('view');

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    await premises.mutateAsync({ op: 'update-building', id: building.id, version: building.version, name: name.trim() }).then(close, () => undefined);
  };
  const remove = () => {
    const what = rooms.length ? ` et ses ${rooms.length} salle${rooms.length > 1 ? 's' : ''}` : '';
    if (window.confirm(`Supprimer le bâtiment « ${building.name} »${what} ?`)) premises.mutate({ op: 'delete-building', id: building.id, version: building.version });
  };
  const removeRoom = (room: Room) => {
    if (window.confirm(`Supprimer la salle « ${room.name} » ?`)) premises.mutate({ op: 'delete-room', id: room.id, version: room.version });
  };

  return (
    <Paper withBorder radius="md" p="md" bg="gray.0">
      {mode === 'rename' ? (
        <form onSubmit={rename} aria-label={`Renommer le bâtiment ${building.name}`}>
          <Group align="flex-end" gap="sm" mb="sm">
            <TextInput label="Nom du bâtiment" value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} autoFocus style={{ flex: 1, minWidth: 200 }} />
            <Button type="submit" loading={premises.isPending}>Enregistrer</Button>
            <Button variant="default" onClick={close}>Annuler</Button>
          </Group>
        </form>
      ) : (
        <Group justify="space-between" mb="sm" gap="xs">
          <Title order={3} size="h5">
            {building.name}{' '}
            <Text span c="dimmed" size="sm" fw={400}>
              — {rooms.length} salle{rooms.length > 1 ? 's' : ''}
            </Text>
          </Title>
          {canManage && (
            <Group gap="xs">
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setMode('add-room')}>
                Ajouter une salle<span className="visually-hidden"> dans {building.name}</span>
              </Button>
              <Button size="xs" variant="default" onClick={() => setMode('rename')}>
                Renommer<span className="visually-hidden"> le bâtiment {building.name}</span>
              </Button>
              <Button size="xs" variant="default" color="red" onClick={remove}>
                Supprimer<span className="visually-hidden"> le bâtiment {building.name}</span>
              </Button>
            </Group>
          )}
        </Group>
      )}
      {mode === 'add-room' && (
        <RoomForm buildingId={building.id} busy={premises.isPending} onCancel={close} onSubmit={(room) => premises.mutateAsync({ op: 'create-room', room })} />
      )}
      {typeof mode === 'object' && (
        <RoomForm
          buildingId={building.id}
          room={mode.room}
          busy={premises.isPending}
          onCancel={close}
          onSubmit={(room) => premises.mutateAsync({ op: 'update-room', id: mode.room.id, version: mode.room.version, room })}
        />
      )}
      {rooms.length > 0 && (
        <div className="table-scroll">
          <Table captionSide="top" verticalSpacing={6} mt="xs" bg="white">
            <Table.Caption className="visually-hidden">Salles du bâtiment {building.name}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Salle</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Étage</Table.Th>
                {canManage && <Table.Th scope="col"><span className="visually-hidden">Actions</span></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rooms.map((room) => (
                <Table.Tr key={room.id}>
                  <Table.Td fw={500}>{room.name}</Table.Td>
                  <Table.Td>{roomKindLabels[room.kind] ?? room.kind}</Table.Td>
                  <Table.Td>{room.floor ?? '—'}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <ActionIcon variant="subtle" size="lg" aria-label={`Modifier la salle ${room.name}`} onClick={() => setMode({ room })}>
                          <IconPencil size={18} aria-hidden />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Supprimer la salle ${room.name}`} onClick={() => removeRoom(room)}>
                          <IconTrash size={18} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
