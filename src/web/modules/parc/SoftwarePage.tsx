import { Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call } from '../../api/client';
import { formatNumber } from '../../labels';
import { ExportButtons } from '../../ui/ExportButtons';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { parcKey } from './queries';
import { ScrollRegion } from '../../ui/ScrollRegion';

const pageSize = 25;

/** The fleet's software catalogue, normalised across schools: each product opens « where is it installed ». */
export function SoftwarePage() {
  return (
    <Guard permission="asset.read">
      <Catalogue />
    </Guard>
  );
}

function Catalogue() {
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 250);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: parcKey('software', search, page),
    queryFn: ({ signal }) => call(apiClient.GET('/api/software', { params: { query: { search: search || undefined, page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Logiciels du parc"
        crumbs={[{ label: 'Parc informatique', to: '/parc' }]}
        subtitle="Chaque logiciel rapporté par les agents, une seule fois quel que soit l’établissement : choisissez-en un pour voir où il est installé."
        actions={<ExportButtons path="/software/export" filters={{ search: search || undefined }} basename="logiciels" />}
      />
      <TextInput
        label="Rechercher un logiciel"
        description="Nom ou éditeur"
        type="search"
        leftSection={<IconSearch size={18} aria-hidden />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setPage(1);
        }}
        maw={420}
        mb="md"
      />
      {list.error ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : !list.data ? (
        <Loading label="Chargement des logiciels…" />
      ) : (
        <>
          <Text size="sm" role="status" aria-live="polite" mb="xs">
            {formatNumber(list.data.total)} logiciel{list.data.total > 1 ? 's' : ''}
          </Text>
          <ScrollRegion label="Logiciels du parc">
            <Table captionSide="top" striped miw={560}>
              <Table.Caption className="visually-hidden">Logiciels du parc, par nom</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Logiciel</Table.Th>
                  <Table.Th scope="col">Éditeur</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Équipements
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Versions
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <AnchorLink to="/parc/logiciels/$softwareId" params={{ softwareId: String(s.id) }} fw={600}>
                        {s.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{s.publisher ?? '—'}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.devices)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.versions)}</Table.Td>
                  </Table.Tr>
                ))}
                {list.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text c="dimmed" ta="center" py="sm">
                        Aucun logiciel{search ? ` ne correspond à « ${search} »` : ' rapporté par les agents'}.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          <TablePagination page={page} pageSize={pageSize} total={list.data.total} noun="logiciel" onPage={setPage} />
        </>
      )}
    </>
  );
}
