import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { roomInput } from '../../../modules/referentiel/operations/premises.input';
import { roomKindLabels } from '../../labels';
import { schemaValidator, showServerIssues } from '../../ui/form';
import type { RoomFields } from './premises-api';
import type { Room } from './types';

const kindOptions = Object.entries(roomKindLabels).map(([value, label]) => ({ value, label }));

interface Values {
  name: string;
  kind: RoomFields['kind'];
  floor: string;
}

/** Adds a room to a building or edits one; the rules are the room operations' own schema. */
export function RoomForm(props: { buildingId: string; room?: Room; busy: boolean; onSubmit: (room: RoomFields) => Promise<unknown>; onCancel: () => void }) {
  const toRoom = (v: Values): RoomFields => ({ buildingId: props.buildingId, name: v.name.trim(), kind: v.kind, floor: v.floor.trim() || null });
  const form = useForm<Values>({
    initialValues: { name: props.room?.name ?? '', kind: (props.room?.kind as RoomFields['kind'] | undefined) ?? 'classroom', floor: props.room?.floor ?? '' },
    validate: schemaValidator(roomInput, toRoom),
  });
  const submit = form.onSubmit(async (values) => {
    await props.onSubmit(toRoom(values)).then(props.onCancel, (error: unknown) => showServerIssues(form, error));
  });

  return (
    <form onSubmit={submit} noValidate aria-label={props.room ? `Modifier la salle ${props.room.name}` : 'Nouvelle salle'}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label="Nom de la salle" required maxLength={120} autoFocus style={{ flex: 2, minWidth: 180 }} {...form.getInputProps('name')} />
        <NativeSelect label="Type" data={kindOptions} style={{ flex: 1, minWidth: 150 }} {...form.getInputProps('kind')} />
        <TextInput label="Étage" maxLength={20} style={{ width: 100 }} {...form.getInputProps('floor')} />
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
