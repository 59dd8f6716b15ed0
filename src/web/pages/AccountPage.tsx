import { Alert, Button, Grid, List, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiClient, call, errorMessage, isApiError } from '../api/client';
import { useMe } from '../session/session';
import { Facts } from '../ui/Facts';
import { PageHeader } from '../ui/PageHeader';
import { Section } from '../ui/Section';

/** The signed-in person: who they are, their roles in each organization, and their password. */
export function AccountPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="Mon compte" subtitle={me.user.email} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section title="Mes rôles" id="roles">
            <Stack gap="md">
              <Facts items={[['Nom', me.user.displayName], ['Adresse e-mail', me.user.email]]} />
              <List spacing="xs">
                {me.tenants.map((t) => (
                  <List.Item key={t.id}>
                    <Text span fw={600}>{t.name}</Text> : {t.roleLabels.join(', ')}
                    {t.code === me.activeTenant?.code ? ' (collectivité active)' : ''}
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ChangePassword />
        </Grid.Col>
      </Grid>
    </>
  );
}

function ChangePassword() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => call(apiClient.POST('/api/auth/password', { body: { currentPassword, newPassword } })),
    onSuccess: (r) => {
      setCurrent('');
      setNew('');
      setConfirm('');
      notifications.show({ color: 'teal', message: `Mot de passe changé. ${r.endedSessions} autre(s) session(s) fermée(s).` });
    },
  });
  const issues = isApiError(change.error) ? Object.fromEntries(change.error.issues.map((i) => [i.path, i.message])) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(newPassword !== confirm);
    if (newPassword === confirm) change.mutate();
  };
  return (
    <Section title="Changer mon mot de passe" id="mot-de-passe">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {change.error && <Alert color="red" role="alert">{errorMessage(change.error)}</Alert>}
          <PasswordInput label="Mot de passe actuel" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} error={issues.currentPassword} />
          <PasswordInput label="Nouveau mot de passe" description="12 caractères au moins" autoComplete="new-password" required value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} error={issues.newPassword} />
          <PasswordInput
            label="Confirmation du nouveau mot de passe"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? 'Les deux saisies sont différentes.' : undefined}
          />
          <Text size="sm" c="dimmed">Vos autres sessions (autres appareils) seront fermées.</Text>
          <div>
            <Button type="submit" loading={change.isPending}>Changer le mot de passe</Button>
          </div>
        </Stack>
      </form>
    </Section>
  );
}
