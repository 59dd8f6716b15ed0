import { Alert, Button, CopyButton, Code, Group, Paper, Radio, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconAlertTriangle } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createApiTokenInput } from '../../../modules/access/operations/create-api-token.input';
import { apiClient, call, errorMessage } from '../../api/client';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { RoleScopeFields, scopeBody } from '../users/RoleScopeFields';
import { useRoleOptions } from '../users/queries';
import type { RoleScope } from '../users/types';

type TokenValues = RoleScope & { name: string; access: 'read' | 'write'; expires: string };

/** Creates a token; its secret is shown once, with a copy button, then never again. */
export function CreateTokenForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const options = useRoleOptions();
  const bodyOf = (v: TokenValues) => {
    const { level: _level, staffFunction: _fn, organizationId: _org, ...rest } = scopeBody(v, options.data?.organizations);
    return { name: v.name.trim(), access: v.access, expiresAt: v.expires ? new Date(`${v.expires}T23:59:59`).toISOString() : null, ...rest };
  };
  // POST /api/tokens's own schema: each rule on its field before anything is sent
  const form = useForm<TokenValues>({
    initialValues: { name: '', access: 'read', expires: '', role: 'auditor', unitIds: [] },
    validate: schemaValidator(createApiTokenInput, bodyOf),
  });
  const create = useMutation({
    mutationFn: (values: TokenValues) => call(apiClient.POST('/api/tokens', { body: bodyOf(values) })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
    onError: (error) => showServerIssues(form, error),
  });
  const submit = form.onSubmit((values) => create.mutate(values));

  if (create.data) {
    return (
      <Alert color="teal" title={`Jeton « ${create.data.token.name} » créé`} mb="lg" role="status">
        <Stack gap="sm" align="flex-start">
          <span>Copiez ce secret maintenant : il ne sera plus jamais affiché. Utilisez-le dans l’en-tête « Authorization: Bearer … ».</span>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label="Secret du jeton">{create.data.secret}</Code>
          <Group gap="sm">
            <CopyButton value={create.data.secret}>
              {({ copied, copy }) => (
                <Button size="xs" onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
                  {copied ? 'Copié' : 'Copier le secret'}
                </Button>
              )}
            </CopyButton>
            <Button size="xs" variant="default" onClick={onDone}>J’ai copié le secret</Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  return (
    <Paper withBorder p="md" radius="md" mb="lg" component="section" aria-labelledby="titre-nouveau-jeton">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="titre-nouveau-jeton">Nouveau jeton</Title>
          {create.error && <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>{errorMessage(create.error)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Nom" description="Le logiciel qui l’utilise, par exemple « GLPI du secteur 1 »" required autoFocus {...form.getInputProps('name')} />
            <TextInput label="Date d’expiration" description="Facultative" type="date" {...form.getInputProps('expires')} error={form.errors.expires ?? form.errors.expiresAt} />
          </SimpleGrid>
          <Radio.Group label="Accès" {...form.getInputProps('access')}>
            <Group mt="xs" gap="lg">
              <Radio value="read" label="Lecture seule" />
              <Radio value="write" label="Lecture et écriture (selon le rôle)" />
            </Group>
          </Radio.Group>
          <RoleScopeFields value={form.values} onChange={(v) => form.setValues(v)} withStaffFields={false} errors={form.errors as Record<string, string>} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>Annuler</Button>
            <Button type="submit" loading={create.isPending}>Créer le jeton</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
