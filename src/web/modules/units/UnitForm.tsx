import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createTerritorialUnitInput } from '../../../modules/referentiel/operations/create-territorial-unit.input';
import { updateTerritorialUnitInput } from '../../../modules/referentiel/operations/update-territorial-unit.input';
import { apiClient, call, errorMessage } from '../../api/client';
import { unitKindLabels } from '../../labels';
import { schemaValidator, showServerIssues } from '../../ui/form';
import type { UnitItem } from './queries';

interface Props {
  kind: 'agency' | 'sector' | 'zone';
  parentId: string | null;
  unit?: UnitItem;
  onDone: () => void;
}

/** Creates a unit under its parent, or renames one (sending the version read); the operations' schemas check both. */
export function UnitForm({ kind, parentId, unit, onDone }: Props) {
  const client = useQueryClient();
  const toCreate = (v: { code: string; name: string }) => ({ kind, parentId, code: v.code.trim(), name: v.name.trim() });
  const toRename = (v: { name: string }) => ({ version: unit?.version ?? 0, name: v.name.trim() });
  const form = useForm({
    initialValues: { code: '', name: unit?.name ?? '' },
    validate: unit ? schemaValidator(updateTerritorialUnitInput, toRename) : schemaValidator(createTerritorialUnitInput, toCreate),
  });
  const save = useMutation({
    mutationFn: (values: { code: string; name: string }) =>
      unit
        ? call(apiClient.PATCH('/api/units/{id}', { params: { path: { id: unit.id } }, body: toRename(values) }))
        : call(apiClient.POST('/api/units', { body: toCreate(values) })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['units'] });
      notifications.show({ color: 'teal', message: unit ? 'Unité renommée.' : 'Unité créée.' });
      onDone();
    },
    onError: (error) => showServerIssues(form, error),
  });
  const what = unitKindLabels[kind]?.toLowerCase() ?? kind;
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate aria-label={unit ? `Renommer ${unit.name}` : `Nouvelle ${what}`} style={{ margin: '6px 0 10px 36px' }}>
      <Group align="flex-end" gap="sm">
        {!unit && <TextInput label="Code" required maxLength={40} w={140} autoFocus {...form.getInputProps('code')} />}
        <TextInput label={`Nom ${unit ? '' : `de la ${what === 'agence' ? 'nouvelle agence' : what}`}`.trim()} required maxLength={200} autoFocus={!!unit} style={{ flex: 1, minWidth: 200 }} {...form.getInputProps('name')} />
        <Button type="submit" loading={save.isPending}>{unit ? 'Enregistrer' : 'Créer'}</Button>
        <Button variant="default" onClick={onDone}>Annuler</Button>
      </Group>
      {save.error && <p role="alert" style={{ color: 'var(--mantine-color-red-8)', margin: '6px 0 0' }}>{errorMessage(save.error)}</p>}
    </form>
  );
}
