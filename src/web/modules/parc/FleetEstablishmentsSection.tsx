import { Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call } from '../../api/client';
import { formatNumber } from '../../labels';
import { AnchorLink } from '../../ui/links';
import { ExportButtons } from '../../ui/ExportButtons';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { ariaSort, SortButton } from '../../ui/SortableHeader';
import { TablePagination } from '../../ui/TablePagination';
import { parcKey } from './queries';

type Sort = 'name' | 'devices' | 'pupilsPerComputer' | 'outOfWarranty' | 'dueThisYear';

const columns: { id: Sort | 'computers'; label: string; numeric?: boolean }[] = [
  { id: 'name', label: 'Établissement' },
  { id: 'devices', label: 'Équipements', numeric: true },
  { id: 'computers', label: 'Ordinateurs', numeric: true },
  { id: 'pupilsPerComputer', label: 'Élèves par ordinateur', numeric: true },
  { id: 'outOfWarranty', label: 'Hors garantie', numeric: true },
  { id: 'dueThisYear', label: 'À renouveler cette année', numeric: true },
];
const pageSize = 20;

/** The fleet school by school: a line each, sortable, the name opening that school's dashboard. */
export function FleetEstablishmentsSection() {
  const [sort, setSort] = useState<{ by: Sort; order: 'asc' | 'desc' }>({ by: 'name', order: 'asc' });
  const [page, setPage] = useState(1);
  // « which schools still run Windows 10 »: the schools with at least one device of that system
  const [osText, setOsText] = useState('');
  const [versionText, setVersionText] = useState('');
  const [[osName, osVersion]] = useDebouncedValue([osText.trim(), versionText.trim()], 300);
  const list = useQuery({
    queryKey: parcKey('fleet-establishments', sort, page, osName, osVersion),
    queryFn: ({ signal }) =>
      call(
        apiClient.GET('/api/fleet/establishments', {
          params: { query: { sort: sort.by, order: sort.order, page, pageSize, osName: osName || undefined, osVersion: (osName && osVersion) || undefined } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const toggle = (by: Sort) => {
    setSort((s) => ({ by, order: s.by === by ? (s.order === 'asc' ? 'desc' : 'asc') : by === 'name' ? 'asc' : 'desc' }));
    setPage(1);
  };

  return (
    <Section
      title="Parc par établissement"
      id="par-etablissement"
      actions={
        <ExportButtons
          path="/fleet/establishments/export"
          filters={{ sort: sort.by, order: sort.order, osName: osName || undefined, osVersion: (osName && osVersion) || undefined }}
          basename="parc-par-etablissement"
        />
      }
    >
      <Group gap="sm" mb="sm" align="flex-end">
        <TextInput
          label="Système d’exploitation"
          description="Seuls les établissements qui en ont, par exemple « Windows »"
          value={osText}
          onChange={(e) => {
            setOsText(e.currentTarget.value);
            setPage(1);
          }}
          maw={320}
        />
        <TextInput
          label="Version"
          description="Version du système : « 10 » (Windows 11 non compris), « 11 », « 12 », « 22.04 »"
          value={versionText}
          onChange={(e) => {
            setVersionText(e.currentTarget.value);
            setPage(1);
          }}
          disabled={!osText.trim()}
          maw={200}
        />
      </Group>
      {osName && list.data && (
        <Text size="sm" role="status" aria-live="polite" mb="xs">
          {formatNumber(list.data.total)} établissement{list.data.total > 1 ? 's' : ''} avec au moins un équipement sous {osName}
          {osVersion ? ` ${osVersion}` : ''}
        </Text>
      )}
      {list.error ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : !list.data ? (
        <Loading label="Chargement des établissements…" />
      ) : (
        <>
          <div className="table-scroll" role="region" aria-labelledby="legende-parc-etablissements" tabIndex={0}>
            <Table captionSide="top" verticalSpacing="xs" striped miw={760} aria-busy={list.isFetching}>
              <Table.Caption id="legende-parc-etablissements" className="visually-hidden">
                Parc par établissement
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((c) => {
                    const state = sort.by === c.id ? sort.order : false;
                    return (
                      <Table.Th
                        key={c.id}
                        scope="col"
                        aria-sort={c.id !== 'computers' ? ariaSort(state) : undefined}
                        style={{ textAlign: c.numeric ? 'right' : undefined }}
                      >
                        {c.id === 'computers' ? c.label : <SortButton label={c.label} state={state} onClick={() => toggle(c.id as Sort)} />}
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((e) => (
                  <Table.Tr key={e.uai}>
                    <Table.Td>
                      <AnchorLink to="/parc/tableau-de-bord" search={{ uai: e.uai }} underline="hover" fw={600}>
                        {e.name}
                      </AnchorLink>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {e.uai}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {formatNumber(e.devices)}
                      {e.osDevices !== null && (
                        <Text size="xs" c="dimmed">
                          dont {formatNumber(e.osDevices)} sous {osName}
                          {osVersion ? ` ${osVersion}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(e.computers)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{e.pupilsPerComputer === null ? '—' : formatNumber(Math.round(e.pupilsPerComputer * 10) / 10)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(e.outOfWarranty)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(e.dueThisYear)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <TablePagination page={page} pageSize={pageSize} total={list.data.total} noun="établissement" onPage={setPage} />
        </>
      )}
    </Section>
  );
}
