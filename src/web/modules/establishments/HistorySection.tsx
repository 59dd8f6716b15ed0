import { Table, Text } from '@mantine/core';
import { auditActionLabels, formatDateTime } from '../../labels';
import { AuditChanges } from '../../ui/AuditChanges';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { useEstablishmentHistory } from './queries';

/** Who changed what, when: the establishment's audit trail (needs audit.read). */
export function HistorySection({ uai }: { uai: string }) {
  const history = useEstablishmentHistory(uai, true);
  return (
    <Section title="Historique des modifications" id="historique">
      {history.error ? (
        <QueryError error={history.error} retry={() => void history.refetch()} />
      ) : !history.data ? (
        <Loading label="Chargement de l’historique…" />
      ) : history.data.items.length === 0 ? (
        <Text c="dimmed">Aucune modification enregistrée depuis l’import.</Text>
      ) : (
        <div className="table-scroll">
          <Table captionSide="top" verticalSpacing="sm" striped miw={640}>
            <Table.Caption className="visually-hidden">Historique des modifications, de la plus récente à la plus ancienne</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Auteur</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Changements</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.items.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
                  <Table.Td>{event.actorLabel}</Table.Td>
                  <Table.Td>{auditActionLabels[event.action] ?? event.action}</Table.Td>
                  <Table.Td>
                    <AuditChanges before={event.before} after={event.after} />
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
