import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call, errorMessage } from '../../api/client';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';

interface Proposal {
  id: string;
  at: string;
  agentDeviceId: string | null;
  trust: string;
  remoteAddress: string | null;
  reason: string;
  changes: { field: string; label: string; from: unknown; to: unknown }[];
  status: 'pending' | 'confirmed' | 'refused';
  decidedAt: string | null;
  decidedBy: string | null;
}

const statusLabels = { pending: 'En attente', confirmed: 'Confirmée', refused: 'Refusée' } as const;
const shown = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : Array.isArray(value) ? value.join(', ') : String(value));
const dateTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/**
 * What unauthenticated agents' reports asked to change on this device (a move, a name, another
 * identity): nothing was applied; a technician confirms or refuses, with the reason shown.
 */
export function ProposalsSection({ assetId, canDecide, onDecided }: { assetId: string; canDecide: boolean; onDecided: () => void }) {
  const key = ['parc', 'asset-proposals', assetId];
  const proposals = useQuery({ queryKey: key, queryFn: () => call(apiClient.GET('/api/assets/{id}/proposals', { params: { path: { id: assetId } } })) as Promise<{ items: Proposal[] }> });
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: (input: { id: string; decision: 'confirm' | 'refuse' }) =>
      call(
        input.decision === 'confirm'
          ? apiClient.POST('/api/assets/{id}/proposals/{proposalId}/confirm', { params: { path: { id: assetId, proposalId: input.id } } })
          : apiClient.POST('/api/assets/{id}/proposals/{proposalId}/refuse', { params: { path: { id: assetId, proposalId: input.id } } }),
      ) as Promise<{ status: string }>,
    onSuccess: (result) => {
      notifications.show({ color: 'teal', message: result.status === 'confirmed' ? 'Proposition confirmée : l’équipement est mis à jour.' : 'Proposition refusée : rien n’a changé.' });
      void client.invalidateQueries({ queryKey: key });
      onDecided();
    },
  });
  if (proposals.error) return <QueryError error={proposals.error} retry={() => void proposals.refetch()} />;
  const items = proposals.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section title="Changements proposés par des agents sans identifiants" id="propositions">
      <Stack gap="md">
        {decide.error && (
          <Alert color="red" role="alert" title="Décision impossible">
            {errorMessage(decide.error)}
          </Alert>
        )}
        {items.map((p) => (
          <Stack key={p.id} gap="xs">
            <Group gap="xs">
              <Badge color={p.status === 'pending' ? 'orange' : p.status === 'confirmed' ? 'teal' : 'gray'} variant="light">
                {statusLabels[p.status]}
              </Badge>
              <Text size="sm">
                {dateTime(p.at)} — agent « {p.agentDeviceId ?? 'inconnu'} », rattaché par {p.trust === 'network' ? 'le réseau de l’établissement' : 'son étiquette'}
                {p.remoteAddress ? ` depuis ${p.remoteAddress}` : ''}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              Raison : {p.reason}
            </Text>
            <Table withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Champ</Table.Th>
                  <Table.Th>Actuel</Table.Th>
                  <Table.Th>Proposé</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{c.label}</Table.Td>
                    <Table.Td>{shown(c.from)}</Table.Td>
                    <Table.Td>{shown(c.to)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {p.status === 'pending' && canDecide ? (
              <Group gap="xs">
                <Button size="xs" loading={decide.isPending} onClick={() => decide.mutate({ id: p.id, decision: 'confirm' })}>
                  Confirmer et appliquer
                </Button>
                <Button size="xs" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ id: p.id, decision: 'refuse' })}>
                  Refuser
                </Button>
              </Group>
            ) : p.decidedBy ? (
              <Text size="xs" c="dimmed">
                {statusLabels[p.status]} par {p.decidedBy}
                {p.decidedAt ? ` le ${dateTime(p.decidedAt)}` : ''}
              </Text>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
