import { Badge, Button, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, getActiveTenant } from '../../api/client';
import { academies, organizationKindLabels } from '../../labels';
import { useCan } from '../../session/session';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { AddPartnerForm } from './AddPartnerForm';

export function OrganizationsPage() {
  return (
    <Guard permission="organization.read">
      <Organizations />
    </Guard>
  );
}

function Organizations() {
  const list = useQuery({
    queryKey: ['organizations', getActiveTenant()],
    queryFn: ({ signal }) => call(apiClient.GET('/api/organizations', { signal })),
  });
  const canManage = useCan('organization.manage');
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageHeader
        title="Organisations partenaires"
        subtitle="La collectivité et les organisations avec lesquelles elle travaille : académie, DRAAF, prestataires…"
        actions={canManage && !adding && <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setAdding(true)}>Ajouter un partenaire</Button>}
      />
      {adding && <AddPartnerForm onDone={() => setAdding(false)} />}
      {list.error ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <Section title={`${list.data.items.length} organisation${list.data.items.length > 1 ? 's' : ''}`} id="organisations">
          <div className="table-scroll">
            <Table captionSide="top" striped verticalSpacing="sm" miw={640}>
              <Table.Caption className="visually-hidden">Organisations : la collectivité active puis ses partenaires</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Nom</Table.Th>
                  <Table.Th scope="col">Type</Table.Th>
                  <Table.Th scope="col">Code</Table.Th>
                  <Table.Th scope="col">Académie</Table.Th>
                  <Table.Th scope="col">Relation</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td fw={600}>{o.name}</Table.Td>
                    <Table.Td>{organizationKindLabels[o.kind] ?? o.kind}</Table.Td>
                    <Table.Td><Text span ff="monospace" size="sm">{o.code}</Text></Table.Td>
                    <Table.Td>{o.academyCode ? (academies[o.academyCode] ?? o.academyCode) : '—'}</Table.Td>
                    <Table.Td>
                      {o.relation === 'self' ? (
                        <Badge variant="filled" radius="sm">Collectivité active</Badge>
                      ) : (
                        <Badge variant="light" color="gray" radius="sm">Partenaire ({organizationKindLabels[o.relation] ?? o.relation})</Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Section>
      )}
    </>
  );
}
