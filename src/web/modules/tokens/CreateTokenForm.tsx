import { Alert, Button, CopyButton, Code, Group, Paper, Radio, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { RoleScopeFields, scopeBody } from '../users/RoleScopeFields';
import { useRoleOptions } from '../users/queries';
import type { RoleScope } from '../users/types';
import type { ApiToken } from './types';

/** Creates a token; its secret is shown once, with a copy button, then never again. */
export function CreateTokenForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const options = useRoleOptions();
  const [name, setName] = useState('');
  const [access, setAccess] = useState<'read' | 'write'>('read');
  const [expires, setExpires] = useState('');
  const [scope, setScope] = useState<RoleScope>({ role: 'auditor', unitIds: [] });
  const create = useMutation({
    mutationFn: () => {
      const { level: _level, staffFunction: _fn, organizationId: _org, ...rest } = scopeBody(scope, options.data?.organizations);
      return api<{ token: ApiToken; secret: string }>('/tokens', {
        method: 'POST',
        body: { name: name.trim(), access, expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null, ...rest },
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

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
            <TextInput label="Nom" description="Le logiciel qui l’utilise, par exemple « GLPI du secteur 1 »" required value={name} onChange={(e) => setName(e.currentTarget.value)} autoFocus />
            <TextInput label="Date d’expiration" description="Facultative" type="date" value={expires} onChange={(e) => setExpires(e.currentTarget.value)} />
          </SimpleGrid>
          <Radio.Group label="Accès" value={access} onChange={(v) => setAccess(v as 'read' | 'write')}>
            <Group mt="xs" gap="lg">
              <Radio value="read" label="Lecture seule" />
              <Radio value="write" label="Lecture et écriture (selon le rôle)" />
            </Group>
          </Radio.Group>
          <RoleScopeFields value={scope} onChange={setScope} withStaffFields={false} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>Annuler</Button>
            <Button type="submit" loading={create.isPending}>Créer le jeton</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
