import { NativeSelect, Paper, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, getActiveTenant } from '../../api/client';
import { auditActionLabels, formatDateTime } from '../../labels';
import { AuditChanges } from '../../ui/AuditChanges';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';

const entityLabels: Record<string, string> = {
  establishment: 'Établissement',
  'establishment-import': 'Établissements créés par un import',
  building: 'Bâtiment',
  room: 'Salle',
  'territorial-unit': 'Unité territoriale',
  partnership: 'Partenariat',
  organization: 'Organisation',
  user: 'Utilisateur',
  'role-assignment': 'Rôle',
  'api-token': "Jeton d'API",
};

export function AuditPage() {
  return (
    <Guard permission="audit.read">
      <AuditTrail />
    </Guard>
  );
}

function AuditTrail() {
  const [page, setPage] = useState(1);
  const [entityType, setEntityType] = useState('');
  const trail = useQuery({
    queryKey: ['audit', getActiveTenant(), page, entityType],
    queryFn: ({ signal }) => call(apiClient.GET('/api/audit', { params: { query: { page, pageSize: 50, entityType } }, signal })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Journal des modifications" subtitle="Toutes les modifications enregistrées dans la collectivité active : qui, quand, avant, après." />
      <Paper withBorder p="md" radius="md">
        <NativeSelect
          label="Type d’élément"
          data={[{ value: '', label: 'Tous' }, ...Object.entries(entityLabels).map(([value, label]) => ({ value, label }))]}
          value={entityType}
          onChange={(e) => {
            setEntityType(e.currentTarget.value);
            setPage(1);
          }}
          maw={320}
          mb="md"
        />
        {trail.error ? (
          <QueryError error={trail.error} retry={() => void trail.refetch()} />
        ) : !trail.data ? (
          <Loading />
        ) : (
          <>
            <div className="table-scroll">
              <Table captionSide="top" striped verticalSpacing="sm" miw={760}>
                <Table.Caption className="visually-hidden">Journal des modifications, du plus récent au plus ancien</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Date</Table.Th>
                    <Table.Th scope="col">Auteur</Table.Th>
                    <Table.Th scope="col">Élément</Table.Th>
                    <Table.Th scope="col">Action</Table.Th>
                    <Table.Th scope="col">Changements</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {trail.data.items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                      <Table.Td>{e.actorLabel}</Table.Td>
                      <Table.Td>{entityLabels[e.entityType] ?? e.entityType}</Table.Td>
                      <Table.Td>{auditActionLabels[e.action] ?? e.action}</Table.Td>
                      <Table.Td><AuditChanges before={e.before} after={e.after} /></Table.Td>
                    </Table.Tr>
                  ))}
                  {trail.data.items.length === 0 && (
                    <Table.Tr><Table.Td colSpan={5}><Text c="dimmed" ta="center" py="md">Aucune modification enregistrée.</Text></Table.Td></Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </div>
            <TablePagination page={page} pageSize={50} total={trail.data.total} noun="événement" onPage={setPage} />
          </>
        )}
      </Paper>
    </>
  );
}
