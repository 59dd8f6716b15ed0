import { Badge, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { errorMessage } from '../../api/client';
import { formatDateTime } from '../../labels';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { useAttachReport, useUnassignedReports } from './queries';
import { ScrollRegion } from '../../ui/ScrollRegion';

const sourceNames: Record<string, string> = { ocs: 'OCS', fusioninventory: 'FusionInventory', 'glpi-agent': 'GLPI Agent' };

/** Reports no credentials claimed, that name this authority by tag or network: attach them or leave them. */
export function UnassignedSection() {
  const reports = useUnassignedReports();
  const attach = useAttachReport();
  const navigate = useNavigate();

  const run = async (id: string, label: string) => {
    try {
      const result = await attach.mutateAsync(id);
      notifications.show({
        color: 'teal',
        message: result.created ? `« ${label} » ajouté au parc.` : `« ${label} » rattaché à un équipement existant${result.matchReason ? ` (${result.matchReason})` : ''}.`,
      });
      void navigate({ to: '/parc/$id', params: { id: result.assetId } });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Rattachement impossible', message: errorMessage(error), autoClose: 10_000 });
    }
  };

  const items = reports.data?.items ?? [];
  return (
    <Section title={`Rapports en attente${reports.data ? ` (${items.length})` : ''}`} id="en-attente">
      {reports.error ? (
        <QueryError error={reports.error} retry={() => void reports.refetch()} />
      ) : !reports.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">Aucun rapport en attente : chaque agent qui vous désigne est rattaché.</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            Rapports reçus sans identifiants qui désignent votre collectivité par leur étiquette ou leur adresse réseau. « Rattacher » les ajoute au parc
            (rapprochement et historique comme pour un agent).
          </Text>
          <ScrollRegion label="Rapports d’inventaire en attente">
            <Table captionSide="top" verticalSpacing="sm" miw={720}>
              <Table.Caption className="visually-hidden">Rapports d’inventaire en attente de rattachement</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Machine</Table.Th>
                  <Table.Th scope="col">Reçu le</Table.Th>
                  <Table.Th scope="col">Agent</Table.Th>
                  <Table.Th scope="col">Motif</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">Action</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => {
                  const label = r.name ?? r.serial ?? r.deviceId ?? 'Machine sans nom';
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Text fw={600} size="sm">
                          {label}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[[r.manufacturer, r.model].filter(Boolean).join(' '), r.serial && `S/N ${r.serial}`, r.os].filter(Boolean).join(' — ') || '—'}
                        </Text>
                        {/* what the agent says of itself, shown as text whatever it holds */}
                        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          {[r.deviceId && `Identifiant de l’agent : ${r.deviceId}`, r.tag && `Étiquette : ${r.tag}`].filter(Boolean).join(' — ')}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.receivedAt)}</Table.Td>
                      <Table.Td>{sourceNames[r.source] ?? r.source}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={r.reason === 'tag' ? 'blue' : 'violet'} radius="sm">
                          {r.reason === 'tag' ? `Étiquette ${r.tag ?? ''}` : `Réseau ${r.remoteAddress ?? ''}`}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" loading={attach.isPending && attach.variables === r.id} onClick={() => void run(r.id, label)}>
                          Rattacher<span className="visually-hidden"> {label}</span>
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </>
      )}
    </Section>
  );
}
