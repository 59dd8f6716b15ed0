import { Badge, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage, getActiveTenant } from '../../api/client';
import { formatDateTime } from '../../labels';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { CreateTokenForm } from './CreateTokenForm';
import type { ApiToken } from './types';

const statusLabel: Record<ApiToken['status'], [string, string]> = {
  active: ['Actif', 'teal'],
  expired: ['Expiré', 'gray'],
  revoked: ['Révoqué', 'red'],
};

export function TokensPage() {
  return (
    <Guard permission="token.manage">
      <Tokens />
    </Guard>
  );
}

function Tokens() {
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: ['tokens', getActiveTenant()],
    queryFn: ({ signal }) => call(apiClient.GET('/api/tokens', { signal })),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(apiClient.DELETE('/api/tokens/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['tokens'] });
      notifications.show({ color: 'teal', message: 'Jeton révoqué : il est refusé dès maintenant.' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Révocation impossible', message: errorMessage(error) }),
  });

  return (
    <>
      <PageHeader
        title="Jetons d’API"
        subtitle="Accès des logiciels tiers (GLPI, outils de pilotage…) à l’API, avec un rôle et une portée. Le secret n’est montré qu’une fois."
        actions={!creating && <Button leftSection={<IconKey size={18} aria-hidden />} onClick={() => setCreating(true)}>Créer un jeton</Button>}
      />
      {creating && <CreateTokenForm onDone={() => setCreating(false)} />}
      {tokens.error ? (
        <QueryError error={tokens.error} retry={() => void tokens.refetch()} />
      ) : !tokens.data ? (
        <Loading />
      ) : (
        <Section title={`${tokens.data.items.length} jeton${tokens.data.items.length > 1 ? 's' : ''}`} id="jetons">
          {tokens.data.items.length === 0 ? (
            <Text c="dimmed">Aucun jeton d’API pour cette collectivité.</Text>
          ) : (
            <div className="table-scroll">
              <Table captionSide="top" striped verticalSpacing="sm" miw={860}>
                <Table.Caption className="visually-hidden">Jetons d’API de la collectivité</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Nom</Table.Th>
                    <Table.Th scope="col">Rôle</Table.Th>
                    <Table.Th scope="col">Accès</Table.Th>
                    <Table.Th scope="col">État</Table.Th>
                    <Table.Th scope="col">Créé</Table.Th>
                    <Table.Th scope="col">Expire</Table.Th>
                    <Table.Th scope="col">Dernier usage</Table.Th>
                    <Table.Th scope="col"><span className="visually-hidden">Actions</span></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tokens.data.items.map((t) => (
                    <Table.Tr key={t.id}>
                      <Table.Td fw={600}>{t.name}</Table.Td>
                      <Table.Td>{t.roleLabel}</Table.Td>
                      <Table.Td>{t.access === 'write' ? 'Lecture et écriture' : 'Lecture seule'}</Table.Td>
                      <Table.Td><Badge color={statusLabel[t.status][1]} variant="light" radius="sm">{statusLabel[t.status][0]}</Badge></Table.Td>
                      <Table.Td><Text size="sm">{formatDateTime(t.createdAt)}</Text><Text size="xs" c="dimmed">par {t.createdBy}</Text></Table.Td>
                      <Table.Td>{t.expiresAt ? formatDateTime(t.expiresAt) : 'Jamais'}</Table.Td>
                      <Table.Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Jamais utilisé'}</Table.Td>
                      <Table.Td>
                        {t.status === 'active' && (
                          <Button
                            size="xs"
                            variant="default"
                            color="red"
                            loading={revoke.isPending && revoke.variables === t.id}
                            onClick={() => window.confirm(`Révoquer le jeton « ${t.name} » ? Les logiciels qui l’utilisent perdront l’accès.`) && revoke.mutate(t.id)}
                          >
                            Révoquer<span className="visually-hidden"> {t.name}</span>
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </Section>
      )}
    </>
  );
}
