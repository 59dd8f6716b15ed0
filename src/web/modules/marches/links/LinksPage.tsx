import { Badge, Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { linkSettingsInput, linkTechnologies, linkTechnologyLabels, recordLinkInput } from '../../../../modules/marches/links/operations/link.input';
import { errorMessage } from '../../../api/client';
import { useMe } from '../../../session/session';
import { ExportButtons } from '../../../ui/ExportButtons';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { TablePagination } from '../../../ui/TablePagination';
import { euros, frenchDay } from '../format';
import { useLinkChanges, useLinkSavings, useRecordLink, useSiteLinks, useUpdateShare } from './queries';

const routeApi = getRouteApi('/app/marches/liens');
type Technology = (typeof linkTechnologies)[number];

export function LinksPage() {
  return (
    <Guard permission="link.read">
      <Links />
    </Guard>
  );
}

function Links() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const me = useMe();
  const uai = search.uai;
  return (
    <>
      <PageHeader title="Liens réseau des sites" subtitle="Opérateur, technologie, débits et coûts de chaque site, leur historique, et l’économie avant/après un marché" />
      <Stack>
        <SchoolSelect label="Établissement" value={uai ?? null} onChange={(value) => void navigate({ search: { uai: value ?? undefined } })} />
        <Tabs defaultValue="links" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="links">Liens et historique</Tabs.Tab>
            <Tabs.Tab value="savings">Économies avant/après</Tabs.Tab>
            {me.permissions['link.manage'] && <Tabs.Tab value="record">Enregistrer un lien</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="links"><LinkList uai={uai} /></Tabs.Panel>
          <Tabs.Panel value="savings"><Savings uai={uai} /></Tabs.Panel>
          {me.permissions['link.manage'] && <Tabs.Panel value="record"><RecordLinkForm uai={uai} /></Tabs.Panel>}
        </Tabs>
      </Stack>
    </>
  );
}

function LinkList({ uai }: { uai?: string }) {
  const [history, setHistory] = useState(false);
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<string | null>(null);
  const links = useSiteLinks(uai, history, page);
  return (
    <Stack>
      <Group justify="space-between">
        <Switch label="Toutes les périodes (historique)" checked={history} onChange={(e) => { setHistory(e.currentTarget.checked); setPage(1); }} />
        <ExportButtons path="/api/site-links/export" filters={{ uai, history: history ? 'true' : 'false' }} basename="liens-reseau" />
      </Group>
      {links.isPending ? <Loading /> : links.isError ? <QueryError error={links.error} /> : (
        <>
          <Table striped>
            <Table.Caption>{links.data.total} lien(s)</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>Site</Table.Th><Table.Th>Opérateur</Table.Th><Table.Th>Technologie</Table.Th><Table.Th>Débits (Mbit/s)</Table.Th><Table.Th>Coût mensuel</Table.Th><Table.Th>Frais d’accès</Table.Th><Table.Th>Période</Table.Th><Table.Th>Historique</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {links.data.items.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.establishmentName} ({l.uai})</Table.Td>
                  <Table.Td>{l.operator}</Table.Td>
                  <Table.Td>{linkTechnologyLabels[l.technology]}{l.symmetric && <Badge ml={4} variant="outline" size="xs">symétrique</Badge>}</Table.Td>
                  <Table.Td>{l.downMbps} / {l.upMbps}</Table.Td>
                  <Table.Td>{euros(l.monthlyCostCents)}</Table.Td>
                  <Table.Td>{euros(l.setupFeeCents)}</Table.Td>
                  <Table.Td>du {frenchDay(l.startDate)}{l.endDate ? ` au ${frenchDay(l.endDate)}` : ' (en cours)'}</Table.Td>
                  <Table.Td><Button size="xs" variant="subtle" onClick={() => setOpened(opened === l.id ? null : l.id)} aria-expanded={opened === l.id}>Modifications</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <TablePagination page={page} pageSize={50} total={links.data.total} noun="liens" onPage={setPage} />
          {opened && <Changes id={opened} />}
        </>
      )}
    </Stack>
  );
}

const changeKinds: Record<string, string> = { created: 'Création', updated: 'Correction', replaced: 'Remplacé par un nouveau lien', ended: 'Fin' };

function Changes({ id }: { id: string }) {
  const changes = useLinkChanges(id);
  if (changes.isPending) return <Loading />;
  if (changes.isError) return <QueryError error={changes.error} />;
  return (
    <Table>
      <Table.Caption>Modifications du lien</Table.Caption>
      <Table.Thead><Table.Tr><Table.Th>Date</Table.Th><Table.Th>Nature</Table.Th><Table.Th>Par</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>{changes.data.items.map((c) => <Table.Tr key={c.id}><Table.Td>{frenchDay(c.at)}</Table.Td><Table.Td>{changeKinds[c.kind] ?? c.kind}</Table.Td><Table.Td>{c.actorLabel}</Table.Td></Table.Tr>)}</Table.Tbody>
    </Table>
  );
}

function Savings({ uai }: { uai?: string }) {
  const me = useMe();
  const savings = useLinkSavings(uai);
  const update = useUpdateShare();
  const form = useForm<{ schoolSharePercent: number | string }>({ initialValues: { schoolSharePercent: '' }, validate: schemaValidator(linkSettingsInput, (v: { schoolSharePercent: number | string }) => ({ schoolSharePercent: v.schoolSharePercent === '' ? undefined : Number(v.schoolSharePercent) })) });
  if (savings.isPending) return <Loading />;
  if (savings.isError) return <QueryError error={savings.error} />;
  const s = savings.data;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <Card withBorder><Text size="sm" c="dimmed">Avant, par mois</Text><Text fw={600}>{euros(s.totals.beforeMonthlyCents)}</Text></Card>
        <Card withBorder><Text size="sm" c="dimmed">Après, par mois</Text><Text fw={600}>{euros(s.totals.afterMonthlyCents)}</Text></Card>
        <Card withBorder><Text size="sm" c="dimmed">Économie mensuelle ({s.totals.sites} sites)</Text><Text fw={600}>{euros(s.totals.savingMonthlyCents)}</Text></Card>
        <Card withBorder><Text size="sm" c="dimmed">Reversé aux établissements ({s.schoolSharePercent} %)</Text><Text fw={600}>{euros(s.totals.schoolShareMonthlyCents)}</Text></Card>
      </SimpleGrid>
      {me.permissions['link.manage'] && (
        <form
          aria-label="Part reversée aux établissements"
          onSubmit={form.onSubmit((v) => update.mutate(Number(v.schoolSharePercent), { onSuccess: () => notifications.show({ color: 'teal', message: 'Part reversée enregistrée.' }), onError: (e) => showServerIssues(form, e) || form.setErrors({ schoolSharePercent: errorMessage(e) }) }))}
        >
          <Group align="flex-start">
            <NumberInput label="Part de l’économie reversée (%)" placeholder={String(s.schoolSharePercent)} {...form.getInputProps('schoolSharePercent')} />
            <Button type="submit" mt={24} loading={update.isPending}>Enregistrer la part</Button>
          </Group>
        </form>
      )}
      <Table striped>
        <Table.Caption>Coût mensuel par site avant et après le marché</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Site</Table.Th><Table.Th>Avant</Table.Th><Table.Th>Après</Table.Th><Table.Th>Économie</Table.Th><Table.Th>Part de l’établissement</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {s.sites.map((site) => (
            <Table.Tr key={`${site.uai}-${site.contractId}`}>
              <Table.Td>{site.name} ({site.uai})</Table.Td>
              <Table.Td>{euros(site.before.monthlyCostCents)} · {site.before.operator}, {site.before.downMbps} Mbit/s</Table.Td>
              <Table.Td>{euros(site.after.monthlyCostCents)} · {site.after.operator}, {site.after.downMbps} Mbit/s</Table.Td>
              <Table.Td>{euros(site.savingCents)}</Table.Td>
              <Table.Td>{euros(site.schoolShareCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

interface LinkValues {
  uai: string;
  operator: string;
  technology: Technology;
  symmetric: boolean;
  downMbps: number | string;
  upMbps: number | string;
  monthlyEuros: number | string;
  setupEuros: number | string;
  startDate: string;
}

const toCents = (v: number | string) => (v === '' ? undefined : Math.round(Number(v) * 100));
const toBody = (v: LinkValues) => ({
  uai: v.uai,
  operator: v.operator,
  technology: v.technology,
  symmetric: v.symmetric,
  downMbps: v.downMbps === '' ? undefined : Number(v.downMbps),
  upMbps: v.upMbps === '' ? undefined : Number(v.upMbps),
  monthlyCostCents: toCents(v.monthlyEuros),
  setupFeeCents: toCents(v.setupEuros) ?? 0,
  startDate: v.startDate,
});
const fieldOf = { monthlyCostCents: 'monthlyEuros', setupFeeCents: 'setupEuros' };

function RecordLinkForm({ uai }: { uai?: string }) {
  const record = useRecordLink();
  const form = useForm<LinkValues>({
    initialValues: { uai: uai ?? '', operator: '', technology: 'fibre', symmetric: true, downMbps: '', upMbps: '', monthlyEuros: '', setupEuros: 0, startDate: '' },
    validate: schemaValidator(recordLinkInput, toBody, fieldOf),
  });
  const submit = form.onSubmit((v) =>
    record.mutate(toBody(v) as never, {
      onSuccess: () => { notifications.show({ color: 'teal', message: 'Lien enregistré ; le lien précédent se termine la veille.' }); form.reset(); },
      onError: (e) => showServerIssues(form, e, fieldOf) || notifications.show({ color: 'red', title: 'Lien refusé', message: errorMessage(e) }),
    }),
  );
  return (
    <form onSubmit={submit} aria-label="Nouveau lien d’un site">
      <Stack maw={720}>
        <Title order={2} size="h4">Nouveau lien (ou changement d’opérateur)</Title>
        <SchoolSelect label="Site" required value={form.values.uai || null} onChange={(v) => form.setFieldValue('uai', v ?? '')} error={form.errors.uai as string | undefined} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Opérateur" required {...form.getInputProps('operator')} />
          <Select label="Technologie" data={linkTechnologies.map((t) => ({ value: t, label: linkTechnologyLabels[t] }))} allowDeselect={false} {...form.getInputProps('technology')} />
          <NumberInput label="Débit descendant (Mbit/s)" required {...form.getInputProps('downMbps')} />
          <NumberInput label="Débit montant (Mbit/s)" required {...form.getInputProps('upMbps')} />
          <NumberInput label="Coût mensuel (€ HT)" required decimalScale={2} {...form.getInputProps('monthlyEuros')} />
          <NumberInput label="Frais d’accès (€ HT)" decimalScale={2} {...form.getInputProps('setupEuros')} />
          <TextInput label="Début" type="date" required {...form.getInputProps('startDate')} />
          <Checkbox label="Symétrique" mt={30} {...form.getInputProps('symmetric', { type: 'checkbox' })} />
        </SimpleGrid>
        <Group><Button type="submit" loading={record.isPending}>Enregistrer le lien</Button></Group>
      </Stack>
    </form>
  );
}
