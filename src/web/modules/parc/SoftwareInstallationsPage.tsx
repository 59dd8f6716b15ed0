import { Grid, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { apiClient, call, isApiError } from '../../api/client';
import { formatNumber } from '../../labels';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { ExportButtons } from '../../ui/ExportButtons';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { TablePagination } from '../../ui/TablePagination';
import { StatusBadge } from './columns';
import { formatAgo } from './labels';
import { parcKey } from './queries';
import { ScrollRegion } from '../../ui/ScrollRegion';

const routeApi = getRouteApi('/app/parc/logiciels/$softwareId');
const pageSize = 25;
const shownSchools = 50;

/** « Where is this software installed »: the schools, the versions, the devices page by page. */
export function SoftwareInstallationsPage() {
  return (
    <Guard permission="asset.read">
      <WhereInstalled />
    </Guard>
  );
}

function WhereInstalled() {
  const { softwareId } = routeApi.useParams();
  const [page, setPage] = useState(1);
  const where = useQuery({
    queryKey: parcKey('software-installations', softwareId, page),
    queryFn: ({ signal }) => call(apiClient.GET('/api/software/{id}/installations', { params: { path: { id: Number(softwareId) }, query: { page, pageSize, schools: shownSchools } }, signal })),
    placeholderData: keepPreviousData,
    retry: (count, error) => !isApiError(error) && count < 2,
  });
  if (isApiError(where.error, 404) || isApiError(where.error, 400)) {
    return <NotFoundPage title="Logiciel introuvable" message="Ce logiciel n’existe pas dans le parc de votre collectivité." back={{ to: '/parc', label: 'Retour au parc informatique' }} />;
  }
  if (where.error) return <QueryError error={where.error} retry={() => void where.refetch()} />;
  if (!where.data) return <Loading label="Recherche des installations…" />;
  const w = where.data;
  return (
    <>
      <PageHeader
        title={w.software.name}
        crumbs={[{ label: 'Parc informatique', to: '/parc' }]}
        subtitle={`${w.software.publisher ? `${w.software.publisher} — ` : ''}installé sur ${formatNumber(w.devices)} équipement${w.devices > 1 ? 's' : ''} dans ${formatNumber(w.establishmentCount)} établissement${w.establishmentCount > 1 ? 's' : ''}`}
        actions={<ExportButtons path={`/software/${w.software.id}/installations/export`} filters={{}} basename={`installations-${w.software.id}`} />}
      />
      <Text mb="md">
        <AnchorLink to="/parc/logiciels">Tous les logiciels du parc</AnchorLink>
      </Text>
      <Grid gutter="lg" mb="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Section title="Par établissement" id="etablissements">
            <ScrollRegion label="Installations par établissement">
              <Table captionSide="top" striped>
                <Table.Caption className="visually-hidden">Équipements qui ont ce logiciel, par établissement</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Établissement</Table.Th>
                    <Table.Th scope="col" style={{ textAlign: 'right' }}>
                      Équipements
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {w.establishments.map((e) => (
                    <Table.Tr key={e.uai ?? 'stock'}>
                      <Table.Td>{e.uai ? `${e.name ?? e.uai} (${e.uai})` : 'Stock de la collectivité'}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{formatNumber(e.devices)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
            {w.establishmentCount > w.establishments.length && (
              <Text size="sm" c="dimmed" mt="xs">
                Les {w.establishments.length} établissements qui en ont le plus sont affichés ; l’export donne toutes les installations.
              </Text>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Section title="Par version" id="versions">
            <Table captionSide="top" striped>
              <Table.Caption className="visually-hidden">Équipements par version installée</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Version</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Équipements
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {w.versions.map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{v.version || 'Non précisée'}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(v.devices)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
        </Grid.Col>
      </Grid>
      <Section title="Équipements" id="equipements">
        <ScrollRegion label="Équipements qui ont ce logiciel">
          <Table captionSide="top" striped miw={720}>
            <Table.Caption className="visually-hidden">Équipements qui ont ce logiciel, par établissement puis par nom</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Équipement</Table.Th>
                <Table.Th scope="col">Établissement</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Statut</Table.Th>
                <Table.Th scope="col">Version</Table.Th>
                <Table.Th scope="col">Dernier inventaire</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {w.items.map((d) => (
                <Table.Tr key={`${d.id}-${d.version}`}>
                  <Table.Td>
                    <AnchorLink to="/parc/$id" params={{ id: d.id }} fw={600}>
                      {d.name ?? d.serial ?? 'Sans nom'}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{d.establishmentName ?? 'Stock de la collectivité'}</Table.Td>
                  <Table.Td>{d.classLabel}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={d.status} />
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{d.version || '—'}</Table.Td>
                  <Table.Td>{formatAgo(d.lastInventoryAt) ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
        <TablePagination page={page} pageSize={pageSize} total={w.installations} noun="installation" onPage={setPage} />
      </Section>
    </>
  );
}
