import { Alert, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, isApiError } from '../../api';
import { useRoleOptions } from './queries';
import { RoleScopeFields, scopeBody } from './RoleScopeFields';
import type { RoleScope, User } from './types';

const issuesOf = (error: unknown) => (isApiError(error) ? Object.fromEntries(error.issues.map((i) => [i.path.split('.').pop() ?? i.path, i.message])) : {});

/** Creates an account with its first role, or adds the role to the existing account of that e-mail. */
export function AddUserForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const options = useRoleOptions();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [scope, setScope] = useState<RoleScope>({ role: '', unitIds: [] });
  const add = useMutation({
    mutationFn: () =>
      api<{ created: boolean; user: User }>('/users', {
        method: 'POST',
        body: { email: email.trim(), displayName: displayName.trim(), ...(password ? { password } : {}), ...scopeBody(scope, options.data?.organizations) },
      }),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: result.created ? `Compte créé pour ${result.user.displayName}.` : `Rôle ajouté au compte existant de ${result.user.displayName}.` });
      onDone();
    },
  });
  const errors = issuesOf(add.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" mb="lg" component="section" aria-labelledby="titre-ajout-personne">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="titre-ajout-personne">Ajouter une personne</Title>
          {add.error && <Alert color="red" role="alert">{errorMessage(add.error)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Adresse e-mail" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} autoComplete="off" />
            <TextInput label="Nom affiché" required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={errors.displayName} />
            <PasswordInput
              label="Mot de passe initial"
              description="12 caractères au moins ; vide = connexion par identité numérique seulement"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
            />
          </SimpleGrid>
          <RoleScopeFields value={scope} onChange={setScope} errors={errors} />
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
  const [scope, setScope] = useState<RoleScope>({ role: '', unitIds: [] });
  const grant = useMutation({
    mutationFn: () => api(`/users/${user.id}/roles`, { method: 'POST', body: scopeBody(scope, options.data?.organizations) }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: `Rôle ajouté à ${user.displayName}.` });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        grant.mutate();
      }}
      aria-label={`Ajouter un rôle à ${user.displayName}`}
      noValidate
    >
      <Stack gap="sm" mt="sm">
        {grant.error && <Alert color="red" role="alert">{errorMessage(grant.error)}</Alert>}
        <RoleScopeFields value={scope} onChange={setScope} errors={issuesOf(grant.error)} />
        <Group gap="sm">
          <Button type="submit" size="xs" loading={grant.isPending}>Ajouter le rôle</Button>
          <Button size="xs" variant="default" onClick={onDone}>Annuler</Button>
        </Group>
      </Stack>
    </form>
  );
}
