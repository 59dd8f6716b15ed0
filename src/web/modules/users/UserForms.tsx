import { Alert, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addUserInput } from '../../../modules/access/operations/add-user.input';
import { grantRoleInput } from '../../../modules/access/operations/grant-role.input';
import { apiClient, call, errorMessage } from '../../api/client';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { useRoleOptions } from './queries';
import { RoleScopeFields, scopeBody } from './RoleScopeFields';
import type { RoleScope, User } from './types';

type PersonValues = RoleScope & { email: string; displayName: string; password: string };

/** Creates an account with its first role, or adds the role to the existing account of that e-mail. */
export function AddUserForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const options = useRoleOptions();
  const bodyOf = (v: PersonValues) => ({
    email: v.email.trim(),
    displayName: v.displayName.trim(),
    ...(v.password ? { password: v.password } : {}),
    ...scopeBody(v, options.data?.organizations),
  });
  // POST /api/users's own schema: each rule on its field before anything is sent
  const form = useForm<PersonValues>({
    initialValues: { email: '', displayName: '', password: '', role: '', unitIds: [] },
    validate: schemaValidator(addUserInput, bodyOf),
  });
  const add = useMutation({
    mutationFn: (values: PersonValues) => call(apiClient.POST('/api/users', { body: bodyOf(values) })),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: result.created ? `Compte créé pour ${result.user.displayName}.` : `Rôle ajouté au compte existant de ${result.user.displayName}.` });
      onDone();
    },
    onError: (error) => showServerIssues(form, error),
  });
  const errors = form.errors as Record<string, string>;
  const submit = form.onSubmit((values) => add.mutate(values));
  return (
    <Paper withBorder p="md" radius="md" mb="lg" component="section" aria-labelledby="titre-ajout-personne">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="titre-ajout-personne">Ajouter une personne</Title>
          {add.error && <Alert color="red" role="alert">{errorMessage(add.error)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Adresse e-mail" type="email" required autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label="Nom affiché" required {...form.getInputProps('displayName')} />
            <PasswordInput
              label="Mot de passe initial"
              description="12 caractères au moins ; vide = connexion par identité numérique seulement"
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          </SimpleGrid>
          <RoleScopeFields value={form.values} onChange={(v) => form.setValues(v)} errors={errors} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>Annuler</Button>
            <Button type="submit" loading={add.isPending}>Ajouter</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Gives one more role to a person who already has one in the tenant. */
export function GrantRoleForm({ user, onDone }: { user: User; onDone: () => void }) {
  const client = useQueryClient();
  const options = useRoleOptions();
  const form = useForm<RoleScope>({
    initialValues: { role: '', unitIds: [] },
    validate: schemaValidator(grantRoleInput, (v: RoleScope) => scopeBody(v, options.data?.organizations)),
  });
  const grant = useMutation({
    mutationFn: (scope: RoleScope) => call(apiClient.POST('/api/users/{id}/roles', { params: { path: { id: user.id } }, body: scopeBody(scope, options.data?.organizations) })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: `Rôle ajouté à ${user.displayName}.` });
      onDone();
    },
    onError: (error) => showServerIssues(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((scope) => grant.mutate(scope))} aria-label={`Ajouter un rôle à ${user.displayName}`} noValidate>
      <Stack gap="sm" mt="sm">
        {grant.error && <Alert color="red" role="alert">{errorMessage(grant.error)}</Alert>}
        <RoleScopeFields value={form.values} onChange={(v) => form.setValues(v)} errors={form.errors as Record<string, string>} />
        <Group gap="sm">
          <Button type="submit" size="xs" loading={grant.isPending}>Ajouter le rôle</Button>
          <Button size="xs" variant="default" onClick={onDone}>Annuler</Button>
        </Group>
      </Stack>
    </form>
  );
}
