import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { academies, organizationKindLabels } from '../../labels';

const partnerKinds = ['academie', 'draaf', 'state-service', 'contractor'];

/** Links an existing organization by its code, or creates a partner (académie, DRAAF, prestataire…). */
export function AddPartnerForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [academyCode, setAcademyCode] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api('/organizations', {
        method: 'POST',
        body: { code: code.trim().toLowerCase(), ...(kind ? { kind } : {}), ...(name.trim() ? { name: name.trim() } : {}), ...(academyCode ? { academyCode } : {}) },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['organizations'] });
      notifications.show({ color: 'teal', message: 'Partenaire ajouté.' });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) add.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" mb="lg">
      <form onSubmit={submit} aria-label="Ajouter un partenaire">
        {add.error && <Alert color="red" role="alert" mb="sm">{errorMessage(add.error)}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput label="Code" description="Minuscules, chiffres, tirets" value={code} onChange={(e) => setCode(e.currentTarget.value)} required autoFocus />
          <NativeSelect
            label="Type"
            description="Pour créer une organisation nouvelle"
            data={[{ value: '', label: '—' }, ...partnerKinds.map((k) => ({ value: k, label: organizationKindLabels[k] ?? k }))]}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
          />
          <TextInput label="Nom" description="Pour créer une organisation nouvelle" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect
            label="Académie"
            description="Pour une académie"
            data={[{ value: '', label: '—' }, ...Object.entries(academies).map(([value, label]) => ({ value, label }))]}
            value={academyCode}
            onChange={(e) => setAcademyCode(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md" gap="sm">
          <Button variant="default" onClick={onDone}>Annuler</Button>
          <Button type="submit" loading={add.isPending}>Ajouter</Button>
        </Group>
      </form>
    </Paper>
  );
}
