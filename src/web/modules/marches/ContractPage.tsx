import { Alert, Badge, Card, Group, List, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { ccagLabels, contractKindLabels, procedureLabels, type Ccag, type ContractKind, type Procedure } from '../../../shared/marches';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { euros, frenchDay } from './format';
import { useContract } from './queries';
import { useMe } from '../../session/session';
import { AmendmentForm } from './ContractForms';
import { LotPriceLists } from './LotPriceLists';

const today = () => new Date().toISOString().slice(0, 10);

const routeApi = getRouteApi('/app/marches/$id');

export function ContractPage() {
  return (
    <Guard permission="contract.read">
      <Contract />
    </Guard>
  );
}

/** Share of a ceiling as a bar with its words (the colour says the same as the text). */
function CeilingBar({ used, label }: { used: number | null; label: string }) {
  if (used === null) return <Text size="sm" c="dimmed">Sans maximum</Text>;
  const pct = Math.round(used * 100);
  return (
    <Stack gap={2}>
      <Progress value={Math.min(100, pct)} color={pct >= 100 ? 'red.8' : pct >= 80 ? 'orange.8' : 'teal.8'} aria-label={label} />
      <Text size="xs">{pct} % du maximum commandé</Text>
    </Stack>
  );
}

function Contract() {
  const { id } = routeApi.useParams();
  const query = useContract(id);
  const me = useMe();
  const [on, setOn] = useState(today);
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} />;
  const c = query.data;
  return (
    <>
      <PageHeader title={`Marché ${c.reference}`} subtitle={c.object} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          <Card withBorder><Text size="sm" c="dimmed">Type</Text><Text>{contractKindLabels[c.kind as ContractKind]}</Text><Text size="xs">{procedureLabels[c.procedure as Procedure]}</Text></Card>
          <Card withBorder><Text size="sm" c="dimmed">Acheteur</Text><Text>{c.buyerName}</Text><Text size="xs">SIRET {c.buyerSiret}{c.groupName ? ` · ${c.groupName}` : ''}</Text></Card>
          <Card withBorder><Text size="sm" c="dimmed">Durée</Text><Text>{c.durationMonths} mois{c.renewals.count ? `, ${c.renewals.count} reconduction(s) de ${c.renewals.months} mois` : ''}</Text><Text size="xs">du {frenchDay(c.startsOn)} au {frenchDay(c.endsOn)}</Text></Card>
          <Card withBorder><Text size="sm" c="dimmed">CPV · CCAG</Text><Text>{c.cpvCode}</Text><Text size="xs">{ccagLabels[c.ccag as Ccag]}</Text></Card>
        </SimpleGrid>
        {c.alerts.length > 0 && (
          <Alert color={c.alerts.some((a) => a.kind === 'ceiling-100') ? 'red' : 'orange'} variant="light" title="Alertes du marché">
            <List size="sm">{c.alerts.map((a) => <List.Item key={`${a.kind}-${a.lotId ?? 'contract'}`}>{a.message}</List.Item>)}</List>
          </Alert>
        )}
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">Non-dépense et consommation</Title>
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <div><Text size="sm" c="dimmed">Estimation</Text><Text fw={600}>{euros(c.savings.estimateCents)}</Text></div>
            <div><Text size="sm" c="dimmed">Attribué</Text><Text fw={600}>{euros(c.savings.awardedCents)}</Text></div>
            <div><Text size="sm" c="dimmed">Non-dépense à l’attribution</Text><Text fw={600}>{euros(c.savings.savingAtAwardCents)}</Text></div>
            <div><Text size="sm" c="dimmed">Engagé · consommé</Text><Text fw={600}>{euros(c.savings.committedCents)} · {euros(c.savings.consumedCents)}</Text></div>
          </SimpleGrid>
        </Card>
        {me.permissions['contract.manage'] && c.lots.length > 0 && <AmendmentForm contractId={c.id} lots={c.lots} />}
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3">Lots</Title>
          <TextInput label="Bordereaux en vigueur le" type="date" value={on} onChange={(e) => setOn(e.currentTarget.value || today())} />
        </Group>
        {c.lots.map((lot) => (
          <Card withBorder key={lot.id}>
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4">Lot {lot.number} : {lot.title}</Title>
              <Text size="sm">{lot.holderName ?? 'Titulaire à désigner'}{lot.holderSiret ? ` (SIRET ${lot.holderSiret})` : ''}</Text>
            </Group>
            <SimpleGrid cols={{ base: 1, md: 3 }} mb="sm">
              <div><Text size="sm" c="dimmed">Maximum HT</Text><Text>{euros(lot.maxExclTaxCents)}</Text></div>
              <div><Text size="sm" c="dimmed">Reste à commander</Text><Text>{euros(lot.remainingExclTaxCents)}</Text></div>
              <CeilingBar used={lot.savings.ceilingUsed} label={`Consommation du lot ${lot.number}`} />
            </SimpleGrid>
            <LotPriceLists contractId={c.id} lot={lot} on={on} canManage={c.can.manage} />
          </Card>
        ))}
        <Title order={2} size="h3">Avenants</Title>
        {c.amendments.length === 0 ? (
          <Text c="dimmed">Aucun avenant.</Text>
        ) : (
          <Table>
            <Table.Thead><Table.Tr><Table.Th>N°</Table.Th><Table.Th>Signé le</Table.Th><Table.Th>Objet</Table.Th><Table.Th>Modifications</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {c.amendments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td><Badge variant="light">{a.number}</Badge></Table.Td>
                  <Table.Td>{frenchDay(a.signedOn)}</Table.Td>
                  <Table.Td>{a.object}</Table.Td>
                  <Table.Td>{a.changes.map((ch) => (ch.field === 'maxAmountCents' ? `maximum ${euros(ch.before as number)} → ${euros(ch.after as number)}` : ch.field === 'durationMonths' ? `durée ${ch.before} → ${ch.after} mois` : String(ch.after))).join(' ; ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </>
  );
}
