import { Alert, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLockOpen } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call, errorMessage } from '../../api/client';
import { QueryError } from '../../ui/QueryError';

interface LoginLock {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  address: string | null;
  failures: number;
  lockedUntil: string;
  addressLockedUntil: string | null;
}

const key = ['users', 'login-locks'];
const time = (iso: string) => new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });

/**
 * Accounts of the tenant locked out from an address after failed passwords (elsewhere they still
 * sign in), and the unlock action: shown to administrators only, when there is a lock.
 */
export function LoginLocksSection() {
  const locks = useQuery({ queryKey: key, queryFn: () => call(apiClient.GET('/api/login-locks')) as Promise<{ items: LoginLock[] }>, refetchInterval: 60_000 });
  const client = useQueryClient();
  const unlock = useMutation({
    mutationFn: (id: string) => call(apiClient.DELETE('/api/login-locks/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Compte débloqué : la personne peut se reconnecter depuis cette adresse.' });
      void client.invalidateQueries({ queryKey: key });
    },
  });
  if (locks.error) return <QueryError error={locks.error} retry={() => void locks.refetch()} />;
  const items = locks.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" mb="md" component="section" aria-labelledby="verrous-titre">
      <Stack gap="sm">
        <Title order={2} size="h4" id="verrous-titre">
          Connexions bloquées
        </Title>
        <Text size="sm" c="dimmed">
          Après 5 mots de passe erronés depuis une même adresse, le compte est bloqué 15 minutes depuis cette adresse seulement ; la personne peut toujours se connecter depuis une autre.
        </Text>
        {unlock.error && (
          <Alert color="red" role="alert" title="Déblocage impossible">
            {errorMessage(unlock.error)}
          </Alert>
        )}
        <div className="table-scroll">
          <Table striped verticalSpacing="xs" miw={700}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Personne</Table.Th>
                <Table.Th scope="col">Adresse réseau</Table.Th>
                <Table.Th scope="col">Échecs</Table.Th>
                <Table.Th scope="col">Bloqué jusqu’à</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    {l.displayName} <Text span c="dimmed" size="sm">({l.email})</Text>
                  </Table.Td>
                  <Table.Td>{l.address ?? '—'}{l.addressLockedUntil ? ' (adresse bloquée aussi)' : ''}</Table.Td>
                  <Table.Td>{l.failures}</Table.Td>
                  <Table.Td>{time(l.lockedUntil)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" leftSection={<IconLockOpen size={16} aria-hidden />} loading={unlock.isPending} onClick={() => unlock.mutate(l.id)}>
                      Débloquer {l.displayName}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Paper>
  );
}
