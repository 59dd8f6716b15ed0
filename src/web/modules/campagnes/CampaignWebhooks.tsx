import { Alert, Badge, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage } from '../../api/client';
import { Section } from '../../ui/Section';
import { TablePagination } from '../../ui/TablePagination';
import { parisWhen } from './labels';
import { campagnesKey } from './queries';

const deliveryLabels: Record<string, [string, string]> = { pending: ['En attente', 'yellow'], delivered: ['Remis', 'teal'], failed: ['Abandonné', 'red'] };

/**
 * The partners' webhooks of a campaign (its managers only): declare one (its secret is shown this
 * once), pause or resume it, and read the delivery log with each call's attempts and last answer.
 */
export function CampaignWebhooks({ campaignId }: { campaignId: string }) {
  const client = useQueryClient();
  const hooks = useQuery({ queryKey: campagnesKey('webhooks', campaignId), queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/webhooks', { params: { path: { campaign: campaignId } }, signal })) });
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: campagnesKey('webhooks', campaignId) });
  const create = useMutation({
    mutationFn: () => call(apiClient.POST('/api/campaigns/{campaign}/webhooks', { params: { path: { campaign: campaignId } }, body: { url } })),
    onSuccess: (created) => {
      setSecret(created.secret);
      setUrl('');
      void refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => call(apiClient.PUT('/api/webhooks/{id}/active', { params: { path: { id } }, body: { active } })),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', message: r.active ? 'Webhook repris.' : 'Webhook suspendu.' });
      void refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  return (
    <Section title="Webhooks des partenaires">
      <Stack gap="sm">
        <Text size="sm">
          Chaque changement d’état d’un dossier est envoyé en POST JSON, signé HMAC-SHA256 dans l’en-tête <Code>x-coherence-signature</Code> ; un appel refusé est repris après 1, 2, 4… minutes, dix fois au plus.
        </Text>
        {(hooks.data?.items ?? []).map((h) => (
          <Group key={h.id} gap="sm">
            <Code>{h.url}</Code>
            <Badge variant="light" color={h.active ? 'teal' : 'gray'}>{h.active ? 'Actif' : 'Suspendu'}</Badge>
            <Text size="sm" c="dimmed">
              {h.deliveries.delivered} remis · {h.deliveries.pending} en attente · {h.deliveries.failed} abandonné(s)
            </Text>
            <Button size="compact-sm" variant="subtle" loading={toggle.isPending && toggle.variables?.id === h.id} onClick={() => toggle.mutate({ id: h.id, active: !h.active })}>
              {h.active ? 'Suspendre' : 'Reprendre'}
            </Button>
          </Group>
        ))}
        <Group align="flex-end">
          <TextInput label="Adresse du webhook" placeholder="https://partenaire.example/coherence" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={create.error ? errorMessage(create.error) : undefined} w={420} />
          <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!url.trim()}>
            Ajouter le webhook
          </Button>
        </Group>
        {secret ? (
          <Alert color="blue" title="Secret de signature (affiché une seule fois)" withCloseButton onClose={() => setSecret(null)}>
            <Code>{secret}</Code>
          </Alert>
        ) : null}
        {hooks.data?.items.length ? <DeliveryLog campaignId={campaignId} /> : null}
      </Stack>
    </Section>
  );
}

function DeliveryLog({ campaignId }: { campaignId: string }) {
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: campagnesKey('webhooks', campaignId, 'deliveries', page),
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/webhook-deliveries', { params: { path: { campaign: campaignId }, query: { page, pageSize: 10 } }, signal })),
  });
  if (!log.data) return null;
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby="journal-webhooks" tabIndex={0}>
        <Table verticalSpacing="xs" miw={720} captionSide="top">
          <Table.Caption id="journal-webhooks" style={{ textAlign: 'left' }}>
            Journal des appels ({log.data.total})
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Créé le</Table.Th>
              <Table.Th scope="col">Dossier</Table.Th>
              <Table.Th scope="col">Changement</Table.Th>
              <Table.Th scope="col">État</Table.Th>
              <Table.Th scope="col">Essais</Table.Th>
              <Table.Th scope="col">Dernière réponse</Table.Th>
              <Table.Th scope="col">Prochain essai</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.items.map((d) => {
              const [label, color] = deliveryLabels[d.status] ?? [d.status, 'gray'];
              const change = (d.payload as { dossier?: { from?: string; to?: string } }).dossier;
              return (
                <Table.Tr key={d.id}>
                  <Table.Td>{parisWhen(d.createdAt)}</Table.Td>
                  <Table.Td>{d.dossier.number === null ? '—' : `n° ${d.dossier.number}`}</Table.Td>
                  <Table.Td>{change ? `${change.from ?? '—'} → ${change.to ?? '—'}` : d.event}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={color}>{label}</Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')}</Table.Td>
                  <Table.Td>{parisWhen(d.nextAttemptAt)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
      <TablePagination page={page} pageSize={10} total={log.data.total} noun="appel" onPage={setPage} />
    </>
  );
}
