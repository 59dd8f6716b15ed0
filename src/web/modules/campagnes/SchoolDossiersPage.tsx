import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { campaignKindLabels, parisWhen, stateColors, stateLabel } from './labels';
import { schoolDossiersQuery } from './queries';

const routeApi = getRouteApi('/app/campagnes/etablissement/$uai');

/** Every file of one school across the campaigns, as far as the reader's scope goes. */
export function SchoolDossiersPage() {
  const { uai } = routeApi.useParams();
  return (
    <Guard permission="dossier.read">
      <AnchorLink to="/etablissements/$uai" params={{ uai }} size="sm">← L’établissement</AnchorLink>
      <PageHeader title={`Dossiers de campagne — ${uai.toUpperCase()}`} subtitle="Les dossiers de l’établissement dans toutes les campagnes que vous pouvez consulter, le plus récent d’abord." />
      <SchoolDossiers uai={uai} />
    </Guard>
  );
}

function SchoolDossiers({ uai }: { uai: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const list = useQuery(schoolDossiersQuery(uai, page, pageSize));
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} retry={() => void list.refetch()} />;
  const { items, total } = list.data;
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby="dossiers-etablissement-legende" tabIndex={0}>
        <Table striped highlightOnHover verticalSpacing="sm" miw={760} captionSide="top">
          <Table.Caption id="dossiers-etablissement-legende" style={{ textAlign: 'left' }}>
            {total} dossier{total > 1 ? 's' : ''} de campagne
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Dossier</Table.Th>
              <Table.Th scope="col">Campagne</Table.Th>
              <Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">État</Table.Th>
              <Table.Th scope="col">Déposé le</Table.Th>
              <Table.Th scope="col">Modifié le</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <AnchorLink to="/campagnes/dossiers/$id" params={{ id: d.id }}>n° {d.number}</AnchorLink>
                </Table.Td>
                <Table.Td>
                  <AnchorLink to="/campagnes/$id" params={{ id: d.campaign.id }}>{d.campaign.title}</AnchorLink>
                </Table.Td>
                <Table.Td>{campaignKindLabels[d.campaign.kind] ?? d.campaign.kind}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={stateColors[d.state] ?? 'gray'}>{stateLabel(d.state)}</Badge>
                </Table.Td>
                <Table.Td>{parisWhen(d.submittedAt)}</Table.Td>
                <Table.Td>{parisWhen(d.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text size="sm">Aucun dossier de campagne visible pour cet établissement.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      <TablePagination
        page={page}
        pageSize={pageSize}
        total={total}
        noun="dossier"
        onPage={setPage}
        onPageSize={(size) => {
          setPageSize(size);
          setPage(1);
        }}
        sizes={[25, 50, 100]}
      />
    </>
  );
}
