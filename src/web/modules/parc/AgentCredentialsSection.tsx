import { Alert, Badge, Button, Code, CopyButton, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { createAgentCredentialInput } from '../../../modules/parc/operations/create-agent-credential.input';
import { errorMessage } from '../../api/client';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { formatDateTime } from '../../labels';
import { activeTenantOf, useMe } from '../../session/session';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { useAgentCredentials, useCreateCredential, useRevokeCredential } from './queries';
import { ScrollRegion } from '../../ui/ScrollRegion';

/** HTTP Basic accounts of the agents: the password is shown once, at creation. */
export function AgentCredentialsSection() {
  const credentials = useAgentCredentials();
  const revoke = useRevokeCredential();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);

  const onRevoke = async (username: string) => {
    if (!window.confirm(`Révoquer les identifiants « ${username} » ? Les agents qui les utilisent ne pourront plus envoyer d’inventaire.`)) return;
    try {
      await revoke.mutateAsync(username);
      notifications.show({ color: 'teal', message: `Identifiants « ${username} » révoqués.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Révocation impossible', message: errorMessage(error) });
    }
  };

  return (
    <Section
      title="Identifiants des agents"
      id="identifiants"
      actions={
        !creating && (
          <Button
            size="sm"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            Créer des identifiants
          </Button>
        )
      }
    >
      <Stack gap="md">
        {created && (
          <Alert color="teal" icon={<IconKey aria-hidden />} title="Identifiants créés" role="status">
            <Stack gap="xs">
              <Text size="sm">Copiez ce mot de passe maintenant : il ne sera plus jamais affiché. Configurez-le dans l’agent (HTTP Basic).</Text>
              <Group gap="xs">
                <Text size="sm">Utilisateur :</Text>
                <Code>{created.username}</Code>
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">Mot de passe :</Text>
                <Code aria-label="Mot de passe de l’agent" style={{ wordBreak: 'break-all' }}>
                  {created.password}
                </Code>
                <CopyButton value={created.password}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="default" onClick={copy} leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}>
                      {copied ? 'Copié' : 'Copier'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
        {creating && (
          <CreateCredentialForm
            onCancel={() => setCreating(false)}
            onCreated={(c) => {
              setCreated(c);
              setCreating(false);
            }}
          />
        )}
        {credentials.error ? (
          <QueryError error={credentials.error} retry={() => void credentials.refetch()} />
        ) : !credentials.data ? (
          <Loading />
        ) : credentials.data.items.length === 0 ? (
          <Text c="dimmed">Aucun identifiant : les agents ne sont rattachés que par leur étiquette ou leur réseau.</Text>
        ) : (
          <ScrollRegion label="Identifiants des agents d’inventaire">
            <Table captionSide="top" verticalSpacing="sm" miw={560}>
              <Table.Caption className="visually-hidden">Identifiants des agents d’inventaire</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Utilisateur</Table.Th>
                  <Table.Th scope="col">Libellé</Table.Th>
                  <Table.Th scope="col">Créé le</Table.Th>
                  <Table.Th scope="col">État</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">Action</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {credentials.data.items.map((c) => (
                  <Table.Tr key={c.username}>
                    <Table.Td ff="monospace">{c.username}</Table.Td>
                    <Table.Td>{c.label}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.createdAt)}</Table.Td>
                    <Table.Td>
                      {c.revokedAt ? (
                        <Badge color="gray" variant="light" radius="sm">
                          Révoqué le {formatDateTime(c.revokedAt)}
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light" radius="sm">
                          Actif
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!c.revokedAt && (
                        <Button size="xs" variant="default" color="red" loading={revoke.isPending && revoke.variables === c.username} onClick={() => void onRevoke(c.username)}>
                          Révoquer<span className="visually-hidden"> {c.username}</span>
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </Stack>
    </Section>
  );
}

function CreateCredentialForm(props: { onCancel: () => void; onCreated: (c: { username: string; password: string }) => void }) {
  const tenantCode = activeTenantOf(useMe())?.code ?? '';
  const usernameOf = (suffix: string) => (suffix.trim() ? `${tenantCode}/${suffix.trim()}` : tenantCode);
  const bodyOf = (v: { suffix: string; label: string }) => ({ username: usernameOf(v.suffix), label: v.label.trim() });
  // POST /api/inventory/credentials's own schema; the user name is typed as its part after the code
  const form = useForm({ initialValues: { suffix: '', label: '' }, validate: schemaValidator(createAgentCredentialInput, bodyOf) });
  const create = useCreateCredential();
  const username = usernameOf(form.values.suffix);

  const submit = form.onSubmit(async (values) => {
    try {
      const result = await create.mutateAsync(bodyOf(values));
      props.onCreated({ username: result.username, password: result.password });
    } catch (error) {
      showServerIssues(form, error, { username: 'suffix' });
    }
  });

  return (
    <form onSubmit={submit} aria-label="Nouveaux identifiants d’agent" noValidate>
      <Stack gap="sm">
        {create.error && (
          <Alert color="red" role="alert" title="Création impossible">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group align="flex-start" gap="sm" grow>
          <TextInput
            label="Nom de l’utilisateur"
            description={`Sera « ${username} »`}
            leftSection={<Text size="sm" c="dimmed">{tenantCode}/</Text>}
            leftSectionWidth={Math.max(60, tenantCode.length * 8 + 16)}
            {...form.getInputProps('suffix')}
            onChange={(e) => form.setFieldValue('suffix', e.currentTarget.value.replace(/\//g, ''))}
            maxLength={80}
            error={form.errors.suffix ?? form.errors.username}
          />
          <TextInput label="Libellé" required maxLength={200} {...form.getInputProps('label')} />
        </Group>
        <Text size="xs" c="dimmed">
          Le mot de passe est généré par le serveur et affiché une seule fois.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel}>
            Annuler
          </Button>
          <Button type="submit" loading={create.isPending}>
            Créer les identifiants
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
