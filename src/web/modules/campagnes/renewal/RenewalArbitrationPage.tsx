import { Alert, Badge, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconChecklist, IconPigMoney, IconShoppingCart } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useCan } from '../../../session/session';
import { ExportButtons } from '../../../ui/ExportButtons';
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
import { useGrantRenewal, useRenewalArbitration } from './queries';

const routeApi = getRouteApi('/app/campagnes/$id/arbitrage');

export function RenewalArbitrationPage() {
  return (
    <Guard permission="dossier.read">
      <Arbitration />
    </Guard>
  );
}

type ArbitrationData = NonNullable<ReturnType<typeof useRenewalArbitration>['data']>;
type FileRow = ArbitrationData['files'][number];

function Arbitration() {
  const { id } = routeApi.useParams();
  const [pageNumber, setPageNumber] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const canExport = useCan('dossier.export');
  const page = useRenewalArbitration(id, pageNumber, pageSize);
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
          <StatCard label="Accordé" value={euros(a.grantedCents)} icon={IconChecklist} color="teal" />
          <StatCard label="Reste" value={a.remainingCents === null ? '—' : euros(a.remainingCents)} icon={IconCash} color={over ? 'red' : 'blue'} />
          <StatCard label="Demandé" value={euros(a.requestedCents)} icon={IconShoppingCart} color="gray" />
        </SimpleGrid>
        {over ? <Alert color="red">Le total accordé dépasse l’enveloppe.</Alert> : null}
        <Text size="sm" c="dimmed">
          Coûts unitaires : {a.costs.map((c) => `${c.label} ${euros(c.costCents)}`).join(' · ') || 'aucun'}
        </Text>
        <Section title={`Dossiers déposés (${a.total})`} actions={canExport ? <ExportButtons path={`/campaigns/${a.campaign.id}/renewal-arbitration/export`} filters={{}} basename={`arbitrage-${a.campaign.code}`} /> : undefined}>
          {a.total === 0 ? <Text c="dimmed">Aucun dossier déposé.</Text> : null}
          <Stack gap="md">
            {a.files.map((f) => (
              <FileArbitration key={`${f.id}-${f.version}`} campaignId={a.campaign.id} file={f} canGrant={a.canGrant} />
            ))}
          </Stack>
          <TablePagination
            page={a.page}
            pageSize={a.pageSize}
            total={a.total}
            noun="dossier déposé"
            onPage={setPageNumber}
            onPageSize={(size) => {
              setPageSize(size);
              setPageNumber(1);
            }}
            sizes={[10, 20, 50, 100]}
          />
        </Section>
      </Stack>
    </>
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
