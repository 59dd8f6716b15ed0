import { Alert, Badge, Button, Grid, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconChecklist, IconPigMoney, IconShoppingCart } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useCan } from '../../../session/session';
import { ExportButtons } from '../../../ui/ExportButtons';
import { FilterBar, ResetFiltersButton } from '../../../ui/FilterBar';
import { TablePagination } from '../../../ui/TablePagination';
import { errorMessage } from '../../../api/client';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { StatCard } from '../../../ui/StatCard';
import { euros, stateColors, stateLabel } from '../labels';
import { arbitrationFiltersOf, arbitrationStates, hasArbitrationFilters, renewalArbitrationQuery, type ArbitrationSearch, type RenewalArbitration } from './arbitration-search';
import { useGrantRenewal } from './queries';

const routeApi = getRouteApi('/app/campagnes/$id/arbitrage');

export function RenewalArbitrationPage() {
  return (
    <Guard permission="dossier.read">
      <Arbitration />
    </Guard>
  );
}

type ArbitrationData = RenewalArbitration;
type FileRow = ArbitrationData['files'][number];

function Arbitration() {
  const { id } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canExport = useCan('dossier.export');
  const page = useQuery(renewalArbitrationQuery(id, search));
  // a new filter starts again at page 1
  const onChange = (changes: Partial<ArbitrationSearch>, replace?: boolean) => void navigate({ search: (s) => ({ ...s, ...changes, page: 'page' in changes ? changes.page : undefined }), replace });
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} retry={() => void page.refetch()} />;
  const a = page.data;
  const over = a.remainingCents !== null && a.remainingCents < 0;
  return (
    <>
      <AnchorLink to="/campagnes/$id" params={{ id: a.campaign.id }} size="sm">← La campagne</AnchorLink>
      <PageHeader title={`Arbitrage — ${a.campaign.title}`} subtitle="Chaque demande à côté du parc de l’établissement, le total accordé face à l’enveloppe." />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <StatCard label="Enveloppe" value={a.budgetCents === null ? 'Sans enveloppe' : euros(a.budgetCents)} icon={IconPigMoney} />
          <StatCard label="Accordé (toute la campagne)" value={euros(a.grantedCents)} icon={IconChecklist} color="teal" />
          <StatCard label="Reste" value={a.remainingCents === null ? '—' : euros(a.remainingCents)} icon={IconCash} color={over ? 'red' : 'blue'} />
          <StatCard label="Demandé (toute la campagne)" value={euros(a.requestedCents)} icon={IconShoppingCart} color="gray" />
        </SimpleGrid>
        {over ? <Alert color="red">Le total accordé dépasse l’enveloppe.</Alert> : null}
        <Text size="sm" c="dimmed">
          Coûts unitaires : {a.costs.map((c) => `${c.label} ${euros(c.costCents)}`).join(' · ') || 'aucun'}
        </Text>
        <ArbitrationFilters data={a} search={search} onChange={onChange} onReset={() => void navigate({ search: {} })} />
        <Section
          title={`Dossiers déposés (${a.total})`}
          actions={canExport ? <ExportButtons path={`/campaigns/${a.campaign.id}/renewal-arbitration/export`} filters={arbitrationFiltersOf(search)} basename={`arbitrage-${a.campaign.code}`} /> : undefined}
        >
          {a.selection.filtered ? (
            <Text size="sm" mb="sm" role="status">
              Sélection filtrée : {a.total} dossier{a.total > 1 ? 's' : ''}, demandé {euros(a.selection.requestedCents)}, accordé {euros(a.selection.grantedCents)} ; l’enveloppe se lit sur toute la campagne.
            </Text>
          ) : null}
          {a.total === 0 ? <Text c="dimmed">{a.selection.filtered ? 'Aucun dossier ne correspond aux filtres.' : 'Aucun dossier déposé.'}</Text> : null}
          <Stack gap="md" aria-busy={page.isFetching}>
            {a.files.map((f) => (
              <FileArbitration key={`${f.id}-${f.version}`} campaignId={a.campaign.id} file={f} canGrant={a.canGrant} />
            ))}
          </Stack>
          <TablePagination
            page={a.page}
            pageSize={a.pageSize}
            total={a.total}
            noun="dossier déposé"
            onPage={(p) => onChange({ page: p > 1 ? p : undefined })}
            onPageSize={(size) => onChange({ pageSize: size === 20 ? undefined : size })}
            sizes={[10, 20, 50, 100]}
          />
        </Section>
      </Stack>
    </>
  );
}

const choices = (all: string, entries: [string, string][]) => [{ value: '', label: all }, ...entries.map(([value, label]) => ({ value, label }))];
const overAskedChoices = choices('Toutes', [['true', 'Au-delà du parc à renouveler'], ['false', 'Dans le parc à renouveler']]);
const arbitrationChoices = choices('Tous', [['pending', 'À arbitrer'], ['granted', 'Quantités accordées'], ['none', 'Rien accordé']]);
const stateChoices = choices('Tous les états', arbitrationStates.map((s) => [s, stateLabel(s)]));

/** The filters, applied on the server (the page, the selection's sums and the export read them). */
function ArbitrationFilters({ data, search, onChange, onReset }: { data: ArbitrationData; search: ArbitrationSearch; onChange: (c: Partial<ArbitrationSearch>, replace?: boolean) => void; onReset: () => void }) {
  const o = data.filterOptions;
  const select = (name: keyof ArbitrationSearch) => (event: React.ChangeEvent<HTMLSelectElement>) => onChange({ [name]: event.currentTarget.value || undefined });
  return (
    <FilterBar label="Filtrer les dossiers à arbitrer" searchDescription="UAI, nom de l’établissement ou n° de dossier" search={search.q} onSearch={(q, replace) => onChange({ q }, replace)}>
      <Grid.Col span={{ base: 6, sm: 4, lg: 2 }}>
        <NativeSelect label="Département" data={choices('Tous', o.departments.map((d) => [d, d]))} value={search.departmentCode ?? ''} onChange={select('departmentCode')} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4, lg: 3 }}>
        <NativeSelect label="Unité territoriale" data={choices('Toutes', o.units.map((u) => [u.id, u.name]))} value={search.unitId ?? ''} onChange={select('unitId')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4, lg: 3 }}>
        <NativeSelect label="Nature" data={choices('Toutes', o.natures.map((n) => [n.code, `${n.label} (${n.code})`]))} value={search.natureCode ?? ''} onChange={select('natureCode')} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4, lg: 3 }}>
        <NativeSelect label="État du dossier" data={stateChoices} value={search.state ?? ''} onChange={select('state')} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4, lg: 3 }}>
        <NativeSelect label="Demande" data={overAskedChoices} value={search.overAsked ?? ''} onChange={select('overAsked')} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4, lg: 3 }}>
        <NativeSelect label="Arbitrage" data={arbitrationChoices} value={search.arbitration ?? ''} onChange={select('arbitration')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6, lg: 'content' }}>
        <ResetFiltersButton onReset={onReset} disabled={!hasArbitrationFilters(search)} />
      </Grid.Col>
    </FilterBar>
  );
}

/** One file: per class, asked beside the fleet and what is due, and the quantity granted. */
function FileArbitration({ campaignId, file, canGrant }: { campaignId: string; file: FileRow; canGrant: boolean }) {
  const grant = useGrantRenewal(campaignId);
  const asked = file.lines.filter((l) => l.requested > 0);
  const [granted, setGranted] = useState<Record<string, number>>(Object.fromEntries(asked.map((l) => [l.assetClass, l.granted ?? 0])));
  const [error, setError] = useState<string | null>(null);
  const editable = canGrant && ['en_instruction', 'accepte'].includes(file.state) && !file.ordered && file.version > 0;
  const submit = () =>
    grant.mutate(
      { id: file.id, body: { lines: asked.map((l) => ({ assetClass: l.assetClass, granted: granted[l.assetClass] ?? 0 })), version: file.version } },
      {
        onSuccess: () => {
          setError(null);
          notifications.show({ color: 'teal', message: `Arbitrage du dossier n° ${file.number} enregistré.` });
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  const caption = `Dossier n° ${file.number} — ${file.school.name} (${file.school.uai})`;
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
      <Group justify="space-between">
        <AnchorLink to="/campagnes/renouvellement/$id" params={{ id: file.id }} fw={600}>
          {caption}
        </AnchorLink>
        <Group gap="xs">
          {file.overAsked ? (
            <Badge color="orange" variant="light">
              Demande au-delà du parc à renouveler
            </Badge>
          ) : null}
          <Badge variant="light" color={stateColors[file.state] ?? 'gray'}>
            {stateLabel(file.state)}
          </Badge>
        </Group>
      </Group>
      {asked.length === 0 ? (
        <Text size="sm" c="dimmed">
          Rien de demandé.
        </Text>
      ) : (
        <Table aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Classe</Table.Th>
              <Table.Th scope="col">Au parc</Table.Th>
              <Table.Th scope="col">À renouveler</Table.Th>
              <Table.Th scope="col">Demandé</Table.Th>
              <Table.Th scope="col">Accordé</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {asked.map((l) => (
              <Table.Tr key={l.assetClass}>
                <Table.Th scope="row">{l.label}</Table.Th>
                <Table.Td>{l.fleetCount}</Table.Td>
                <Table.Td>{l.renewalDueNow}</Table.Td>
                <Table.Td c={l.overAsked ? 'orange.8' : undefined} fw={l.overAsked ? 700 : undefined}>
                  {l.requested}
                </Table.Td>
                <Table.Td>
                  {editable ? (
                    <NumberInput
                      aria-label={`Accordé en ${l.label}, dossier n° ${file.number}`}
                      min={0}
                      max={l.requested}
                      allowDecimal={false}
                      value={granted[l.assetClass] ?? 0}
                      onChange={(v) => setGranted((g) => ({ ...g, [l.assetClass]: typeof v === 'number' ? v : 0 }))}
                      w={110}
                    />
                  ) : (
                    (l.granted ?? '—')
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm">
        Demandé {euros(file.requestedCents)} · accordé {euros(file.grantedCents)} — {file.justification || 'sans justification'}
      </Text>
      {error ? (
        <Alert color="red" title="Arbitrage refusé">
          {error}
        </Alert>
      ) : null}
      {editable && asked.length ? (
        <Group>
          <Button size="xs" onClick={submit} loading={grant.isPending}>
            Enregistrer l’arbitrage du dossier n° {file.number}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
