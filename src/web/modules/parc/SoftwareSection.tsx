import { Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { formatNumber } from '../../labels';
import { Section } from '../../ui/Section';
import { TablePagination } from '../../ui/TablePagination';
import type { AssetDetail } from './types';
import { ScrollRegion } from '../../ui/ScrollRegion';

const pageSize = 50;
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Installed software: filtered and paged in the browser (the device page already holds the list). */
export function SoftwareSection({ asset }: { asset: AssetDetail }) {
  const [text, setText] = useState('');
  const [term] = useDebouncedValue(fold(text.trim()), 200);
  const [page, setPage] = useState(1);
  const all = asset.software;
  const found = useMemo(
    () => (term ? all.filter((s) => fold(`${s.name} ${s.publisher ?? ''} ${s.version}`).includes(term)) : all),
    [all, term],
  );
  const current = Math.min(page, Math.max(1, Math.ceil(found.length / pageSize)));
  const rows = found.slice((current - 1) * pageSize, current * pageSize);
  const count = asset.softwareCount;

  return (
    <Section title={`Logiciels installés (${formatNumber(count)})`} id="logiciels">
      {all.length === 0 ? (
        <Text c="dimmed">Aucun logiciel rapporté par un agent.</Text>
      ) : (
        <>
          <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
            <TextInput
              label="Rechercher un logiciel"
              description="Nom, éditeur ou version"
              type="search"
              leftSection={<IconSearch size={18} aria-hidden />}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setPage(1);
              }}
              style={{ flex: 1, maxWidth: 420 }}
            />
            <Text size="sm" role="status" aria-live="polite">
              {term ? `${formatNumber(found.length)} logiciel${found.length > 1 ? 's' : ''} sur ${formatNumber(all.length)}` : `${formatNumber(all.length)} logiciels`}
            </Text>
          </Group>
          <ScrollRegion label="Logiciels installés">
            <Table captionSide="top" verticalSpacing={6} striped miw={560}>
              <Table.Caption className="visually-hidden">Logiciels installés, par nom</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Logiciel</Table.Th>
                  <Table.Th scope="col">Éditeur</Table.Th>
                  <Table.Th scope="col">Version</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s, i) => (
                  <Table.Tr key={`${s.name}-${s.version}-${i}`}>
                    <Table.Td fw={500}>{s.name}</Table.Td>
                    <Table.Td>{s.publisher ?? '—'}</Table.Td>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{s.version || '—'}</Table.Td>
                  </Table.Tr>
                ))}
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={3}>
                      <Text c="dimmed" ta="center" py="sm">
                        Aucun logiciel ne correspond à « {text.trim()} ».
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {found.length > pageSize && <TablePagination page={current} pageSize={pageSize} total={found.length} noun="logiciel" onPage={setPage} />}
        </>
      )}
    </Section>
  );
}
