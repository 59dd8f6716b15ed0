import { Button, Group, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { unitKindLabels } from '../../labels';
import type { UnitItem } from './queries';

interface Props {
  kind: 'agency' | 'sector' | 'zone';
  parentId: string | null;
  unit?: UnitItem;
  onDone: () => void;
}

/** Creates a unit under its parent, or renames one (sending the version read). */
export function UnitForm({ kind, parentId, unit, onDone }: Props) {
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState(unit?.name ?? '');
  const save = useMutation({
    mutationFn: () =>
      unit
        ? api(`/units/${unit.id}`, { method: 'PATCH', body: { version: unit.version, name: name.trim() } })
        : api('/units', { method: 'POST', body: { kind, parentId, code: code.trim(), name: name.trim() } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['units'] });
      notifications.show({ color: 'teal', message: unit ? 'Unité renommée.' : 'Unité créée.' });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && (unit || code.trim())) save.mutate();
  };
  const what = unitKindLabels[kind]?.toLowerCase() ?? kind;
  return (
    <form onSubmit={submit} aria-label={unit ? `Renommer ${unit.name}` : `Nouvelle ${what}`} style={{ margin: '6px 0 10px 36px' }}>
      <Group align="flex-end" gap="sm">
        {!unit && <TextInput label="Code" value={code} onChange={(e) => setCode(e.currentTarget.value)} required maxLength={40} w={140} autoFocus />}
        <TextInput label={`Nom ${unit ? '' : `de la ${what === 'agence' ? 'nouvelle agence' : what}`}`.trim()} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} autoFocus={!!unit} style={{ flex: 1, minWidth: 200 }} />
        <Button type="submit" loading={save.isPending}>{unit ? 'Enregistrer' : 'Créer'}</Button>
        <Button variant="default" onClick={onDone}>Annuler</Button>
      </Group>
      {save.error && <p role="alert" style={{ color: 'var(--mantine-color-red-8)', margin: '6px 0 0' }}>{errorMessage(save.error)}</p>}
    </form>
  );
}
