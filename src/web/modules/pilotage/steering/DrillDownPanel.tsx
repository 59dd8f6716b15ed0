import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '../../../labels';
import { ExportButtons } from '../../../ui/ExportButtons';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { Section } from '../../../ui/Section';
import { TablePagination } from '../../../ui/TablePagination';
import { share, statusColors, statusLabels, useDrillDown, type DrillFilters } from './queries';

/** A figure of the dashboard opened: its title and the filters that select its schools on the server. */
export interface Drill {
  title: string;
  filters: Omit<DrillFilters, 'page' | 'pageSize'>;
}

/** The schools behind one figure, paginated on the server, exportable with the same filters. */
export function DrillDownPanel({ drill, canExport, onClose }: { drill: Drill; canExport: boolean; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const result = useDrillDown({ ...drill.filters, page, pageSize });
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setPage(1);
    heading.current?.scrollIntoView({ block: 'start' });
  }, [drill]);
  const data = result.data;
  return (
    <div ref={heading}>
      <Section
        title={`Détail : ${drill.title}`}
        id="detail"
        actions={
          <Group gap="xs">
            {canExport && <ExportButtons path="/pilotage/dashboard/export" filters={drill.filters} basename="pilotage-detail" />}
            <Button variant="subtle" onClick={onClose}>
              Fermer le détail
            </Button>
          </Group>
        }
      >
        {result.error ? (
          <QueryError error={result.error} retry={() => void result.refetch()} />
        ) : !data ? (
          <Loading label="Recherche des établissements…" />
        ) : data.total === 0 ? (
          <Text c="dimmed">Aucun établissement de votre périmètre ne correspond à ce chiffre.</Text>
        ) : (
          <Stack gap="xs">
            <ScrollRegion label={`Établissements : ${drill.title}`}>
              <Table captionSide="top" verticalSpacing={4} striped>
                <Table.Caption style={{ textAlign: 'left' }}>{`${formatNumber(data.total)} établissements : ${drill.title}`}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Établissement</Table.Th>
                    <Table.Th scope="col">Commune</Table.Th>
                    <Table.Th scope="col">Département</Table.Th>
                    <Table.Th scope="col">Statut</Table.Th>
                    {drill.filters.indicator && <Table.Th scope="col">Valeur / cible</Table.Th>}
                    <Table.Th scope="col" style={{ textAlign: 'right' }}>
                      Cibles atteintes
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((s) => (
                    <Table.Tr key={s.uai}>
                      <Table.Th scope="row" fw={500}>
                        <AnchorLink to="/pilotage/etablissements/$uai" params={{ uai: s.uai }} size="sm">
                          {s.name} ({s.uai})
                        </AnchorLink>
                      </Table.Th>
                      <Table.Td>{s.communeName ?? '—'}</Table.Td>
                      <Table.Td>{s.departmentCode ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge variant="filled" color={statusColors[s.indicator?.status ?? s.status]}>
                          {statusLabels[s.indicator?.status ?? s.status]}
                        </Badge>
                      </Table.Td>
                      {drill.filters.indicator && (
                        <Table.Td>
                          {s.indicator?.value === null || s.indicator === null ? 'sans donnée' : formatNumber(s.indicator.value)} / {s.indicator?.target === null || !s.indicator ? '—' : formatNumber(s.indicator.target)}
                        </Table.Td>
                      )}
                      <Table.Td style={{ textAlign: 'right' }}>{share(s.metShare)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
            <TablePagination page={page} pageSize={pageSize} total={data.total} noun="établissements" onPage={setPage} onPageSize={setPageSize} />
          </Stack>
        )}
      </Section>
    </div>
  );
}
