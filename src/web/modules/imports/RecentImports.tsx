import { Badge, Button, Table, Text } from '@mantine/core';
import { formatDateTime, formatNumber } from '../../labels';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { useRecentImports } from './queries';
import { modeLabels, statusLabels, type ImportRun } from './types';

const statusColor: Record<string, string> = { running: 'coherence', applied: 'teal', refused: 'orange', failed: 'red' };

function summary(run: ImportRun) {
  const t = run.report?.totals;
  if (!t) return run.error ?? '—';
  return `${formatNumber(t.rows)} lignes : ${formatNumber(t.created)} créés, ${formatNumber(t.updated)} mis à jour, ${formatNumber(t.rejected)} rejetés`;
}

export function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const recent = useRecentImports();
  if (recent.error) return <QueryError error={recent.error} title="Derniers imports indisponibles" />;
  const items = recent.data?.items ?? [];
  return (
    <Section title="Derniers imports" id="derniers-imports">
      {items.length === 0 ? (
        <Text c="dimmed">{recent.isLoading ? 'Chargement…' : 'Aucun import pour cette collectivité.'}</Text>
      ) : (
        <div className="table-scroll">
          <Table captionSide="top" striped verticalSpacing="sm" miw={800}>
            <Table.Caption className="visually-hidden">Derniers imports, du plus récent au plus ancien</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Fichier</Table.Th>
                <Table.Th scope="col">Par</Table.Th>
                <Table.Th scope="col">Mode</Table.Th>
                <Table.Th scope="col">Statut</Table.Th>
                <Table.Th scope="col">Résultat</Table.Th>
                <Table.Th scope="col"><span className="visually-hidden">Rapport</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.slice(0, 10).map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.createdAt)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word', minWidth: 160 }}>{run.filename}</Table.Td>
                  <Table.Td>{run.createdBy}</Table.Td>
                  <Table.Td>{modeLabels[run.mode] ?? run.mode}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={statusColor[run.status] ?? 'gray'} variant="light" radius="sm">
                      {statusLabels[run.status] ?? run.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 240 }}>
                    <Text size="sm" lineClamp={2}>{summary(run)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => onOpen(run.id)}>
                      Voir le rapport<span className="visually-hidden"> de {run.filename}</span>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Section>
  );
}
