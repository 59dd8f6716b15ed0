import { Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { contractKindLabels, contractKinds, contractStatusLabels, formerRegions, type ContractKind, type ContractStatus } from '../../../shared/marches';
import { downloadFile } from '../../download';
import { ExportButtons } from '../../ui/ExportButtons';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { useMe } from '../../session/session';
import { NewContractForm } from './ContractForms';
import { QueryError } from '../../ui/QueryError';
import { euros, frenchDay } from './format';
import { useContracts, useGroups, type ContractsSearch } from './queries';
import { Disclosure } from '../../ui/Disclosure';

const routeApi = getRouteApi('/app/marches');

export function ContractsPage() {
  return (
    <Guard permission="contract.read">
      <Contracts />
    </Guard>
  );
}

function Contracts() {
  const search = routeApi.useSearch();
  const me = useMe();
  const navigate = routeApi.useNavigate();
  const list = useContracts(search);
  const groups = useGroups();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const set = (changes: Partial<ContractsSearch>) => navigate({ search: (prev: ContractsSearch) => ({ ...prev, ...changes, page: undefined }) });
  const filters = { search: search.search, theme: search.theme, kind: search.kind, area: search.area, cpv: search.cpv };
  const decp = async () => {
    const name = await downloadFile('/decp.json', { year }, `decp-${year}.json`);
    notifications.show({ color: 'teal', message: `Données essentielles téléchargées : ${name}` });
  };
  return (
    <>
      <PageHeader
        title="Marchés"
        subtitle="Accords-cadres, lots, bordereaux de prix, avenants et consommation, avec les groupements de commandes."
        actions={
          <Group gap="sm">
            <ExportButtons path="/contracts/export" filters={{ ...filters, what: 'contracts' }} basename="marches" />
            <ExportButtons path="/contracts/export" filters={{ ...filters, what: 'price-lists' }} basename="marches-bordereaux" />
          </Group>
        }
      />
      <Stack gap="lg">
        {me.permissions['contract.manage'] && (
          <Disclosure summary="Créer un marché" plain>
            <NewContractForm />
          </Disclosure>
        )}
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" gap="md">
            <TextInput label="Recherche" placeholder="Référence ou objet" defaultValue={search.search ?? ''} onBlur={(e) => set({ search: e.currentTarget.value || undefined })} />
            <TextInput label="Thème" placeholder="Tous" defaultValue={search.theme ?? ''} onBlur={(e) => set({ theme: e.currentTarget.value || undefined })} />
            <Select label="Type" placeholder="Tous" clearable data={contractKinds.map((k) => ({ value: k, label: contractKindLabels[k] }))} value={search.kind ?? null} onChange={(v) => set({ kind: (v as ContractKind) ?? undefined })} />
            <TextInput label="Code CPV" description="Début du code, marché ou articles" placeholder="30213" w={170} defaultValue={search.cpv ?? ''} onBlur={(e) => set({ cpv: e.currentTarget.value.trim() || undefined })} />
            <Select label="Zone" placeholder="Toutes" clearable searchable data={[...formerRegions, '02', '08', '10', '51', '52', '54', '55', '57', '59', '60', '62', '67', '68', '80', '88']} value={search.area ?? null} onChange={(v) => set({ area: v ?? undefined })} />
            <Group gap="xs" align="flex-end">
              <TextInput label="Année de notification" w={170} value={year} onChange={(e) => setYear(e.currentTarget.value)} />
              <Button variant="light" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void decp()}>
                DECP (JSON)
              </Button>
            </Group>
          </Group>
        </Paper>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} />
        ) : (
          <>
            <Text size="sm" c="dimmed">{list.data.total} marché{list.data.total > 1 ? 's' : ''}</Text>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Référence</Table.Th><Table.Th>Objet</Table.Th><Table.Th>Thème</Table.Th><Table.Th>Type</Table.Th><Table.Th>Notifié le</Table.Th><Table.Th>Durée</Table.Th><Table.Th>Estimation HT</Table.Th><Table.Th>Statut</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td><AnchorLink to="/marches/$id" params={{ id: c.id }}>{c.reference}</AnchorLink></Table.Td>
                    <Table.Td>{c.object}</Table.Td>
                    <Table.Td>{c.theme}</Table.Td>
                    <Table.Td>{contractKindLabels[c.kind as ContractKind]}</Table.Td>
                    <Table.Td>{frenchDay(c.notifiedOn)}</Table.Td>
                    <Table.Td>{c.durationMonths} mois{c.renewals.count ? ` + ${c.renewals.count} × ${c.renewals.months}` : ''}</Table.Td>
                    <Table.Td>{euros(c.estimateCents)}</Table.Td>
                    <Table.Td>{contractStatusLabels[c.status as ContractStatus]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Pagination total={Math.max(1, Math.ceil(list.data.total / 25))} value={search.page ?? 1} onChange={(page) => navigate({ search: (prev: ContractsSearch) => ({ ...prev, page }) })} getControlProps={(control) => ({ 'aria-label': control === 'next' ? 'Page suivante' : control === 'previous' ? 'Page précédente' : control })} />
          </>
        )}
        {groups.data && groups.data.items.length > 0 && (
          <Paper withBorder p="md" radius="md">
            <Text fw={600} mb="xs">Groupements de commandes</Text>
            <Stack gap={4}>
              {groups.data.items.map((g) => (
                <AnchorLink key={g.id} to="/marches/groupements/$id" params={{ id: g.id }}>{g.name} (coordonnateur : {g.coordinatorName})</AnchorLink>
              ))}
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
