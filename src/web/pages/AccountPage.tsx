import { Alert, Button, Grid, List, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { changePasswordInput } from '../../modules/access/operations/change-password.input';
import { apiClient, call, errorMessage } from '../api/client';
import { schemaValidator, showServerIssues } from '../ui/form';
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

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const passwordBody = ({ currentPassword, newPassword }: PasswordValues) => ({ currentPassword, newPassword });
const checkPasswordBody = schemaValidator(changePasswordInput, passwordBody);

function ChangePassword() {
  // the route's own schema, plus the confirmation that only the form knows
  const form = useForm<PasswordValues>({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: (v) => ({ ...checkPasswordBody(v), ...(v.confirm === v.newPassword ? {} : { confirm: 'Les deux saisies sont différentes.' }) }),
  });
  const change = useMutation({
    mutationFn: (values: PasswordValues) => call(apiClient.POST('/api/auth/password', { body: passwordBody(values) })),
    onSuccess: (r) => {
      form.reset();
      notifications.show({ color: 'teal', message: `Mot de passe changé. ${r.endedSessions} autre(s) session(s) fermée(s).` });
    },
    // the policy's refusals (too short, same as before) land on their field
    onError: (error) => showServerIssues(form, error),
  });
  return (
    <Section title="Changer mon mot de passe" id="mot-de-passe">
      <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
        <Stack gap="sm">
          {change.error && <Alert color="red" role="alert">{errorMessage(change.error)}</Alert>}
          <PasswordInput label="Mot de passe actuel" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput label="Nouveau mot de passe" description="12 caractères au moins" autoComplete="new-password" required {...form.getInputProps('newPassword')} />
          <PasswordInput label="Confirmation du nouveau mot de passe" autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Text size="sm" c="dimmed">Vos autres sessions (autres appareils) seront fermées.</Text>
          <div>
            <Button type="submit" loading={change.isPending}>Changer le mot de passe</Button>
          </div>
        </Stack>
      </form>
    </Section>
  );
}
