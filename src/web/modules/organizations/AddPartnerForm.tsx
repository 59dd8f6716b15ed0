import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addPartnerInput } from '../../../modules/referentiel/operations/add-partner.input';
import { apiClient, call, errorMessage } from '../../api/client';
import type { BodyOf } from '../../api/types';
import { academies, organizationKindLabels } from '../../labels';
import { schemaValidator, showServerIssues } from '../../ui/form';

const partnerKinds = ['academie', 'draaf', 'state-service', 'contractor'];

interface Values {
  code: string;
  kind: string;
  name: string;
  academyCode: string;
}

/** Empty fields are left out: an existing organization is linked by its code alone. */
const bodyOf = (v: Values) =>
  ({
    code: v.code.trim().toLowerCase(),
    ...(v.kind ? { kind: v.kind } : {}),
    ...(v.name.trim() ? { name: v.name.trim() } : {}),
    ...(v.academyCode ? { academyCode: v.academyCode } : {}),
  }) as BodyOf<'/api/organizations', 'post'>;

/** Links an existing organization by its code, or creates a partner (académie, DRAAF, prestataire…). */
export function AddPartnerForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const form = useForm<Values>({
    initialValues: { code: '', kind: '', name: '', academyCode: '' },
    validate: schemaValidator(addPartnerInput, bodyOf),
  });
  const add = useMutation({
    mutationFn: (values: Values) => call(apiClient.POST('/api/organizations', { body: bodyOf(values) })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['organizations'] });
      notifications.show({ color: 'teal', message: 'Partenaire ajouté.' });
      onDone();
    },
    onError: (error) => showServerIssues(form, error),
  });
  return (
    <Paper withBorder p="md" radius="md" mb="lg">
      <form onSubmit={form.onSubmit((values) => add.mutate(values))} noValidate aria-label="Ajouter un partenaire">
        {add.error && <Alert color="red" role="alert" mb="sm">{errorMessage(add.error)}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput label="Code" description="Minuscules, chiffres, tirets" required autoFocus {...form.getInputProps('code')} />
          <NativeSelect
            label="Type"
            description="Pour créer une organisation nouvelle"
            data={[{ value: '', label: '—' }, ...partnerKinds.map((k) => ({ value: k, label: organizationKindLabels[k] ?? k }))]}
            {...form.getInputProps('kind')}
          />
          <TextInput label="Nom" description="Pour créer une organisation nouvelle" {...form.getInputProps('name')} />
          <NativeSelect
            label="Académie"
            description="Pour une académie"
            data={[{ value: '', label: '—' }, ...Object.entries(academies).map(([value, label]) => ({ value, label }))]}
            {...form.getInputProps('academyCode')}
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
