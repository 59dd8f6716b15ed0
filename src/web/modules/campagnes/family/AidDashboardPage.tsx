import { Alert, Badge, Button, Group, Progress, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconChecklist, IconHeartHandshake, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { apiClient, call, errorMessage } from '../../../api/client';
import { formatNumber } from '../../../labels';
import { useCan } from '../../../session/session';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { StatCard } from '../../../ui/StatCard';
import { euros, parisWhen, stateLabel } from '../labels';
import { campagnesKey, useCampaign } from '../queries';

const routeApi = getRouteApi('/app/campagnes/$id/aide');

/**
 * A family aid campaign seen from the authority and the schools: the anonymous figures (files by
 * state, pupils equipped per school, the device split, the amounts) and, for a school's staff, the
 * devices to hand over, each handover entering the family's device in the Parc.
 */
export function AidDashboardPage() {
  const { id } = routeApi.useParams();
  const campaign = useCampaign(id);
  const figures = useCan('family-aid.dashboard');
  const deliver = useCan('family-aid.deliver');
  return (
    <Guard permission="campaign.read">
      <AnchorLink to="/campagnes/$id" params={{ id }} size="sm">← La campagne</AnchorLink>
      <PageHeader title={`Aide aux familles — ${campaign.data?.title ?? '…'}`} subtitle="Les chiffres de la campagne, sans donnée personnelle, et les remises d’équipements au lycée." />
      <Stack gap="lg">
        {figures ? <Figures campaignId={id} /> : null}
        {deliver ? <Deliveries campaignId={id} /> : null}
        {!figures && !deliver ? <Text c="dimmed">Vous ne consultez ni les chiffres ni les remises de cette aide.</Text> : null}
      </Stack>
    </Guard>
  );
}

function Figures({ campaignId }: { campaignId: string }) {
  const dashboard = useQuery({
    queryKey: campagnesKey('aid-dashboard', campaignId),
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaignId}/aid-dashboard', { params: { path: { campaignId } }, signal })),
  });
  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) return <QueryError error={dashboard.error} retry={() => void dashboard.refetch()} />;
  const d = dashboard.data;
  const equipped = d.equippedBySchool.reduce((n, s) => n + s.pupils, 0);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <StatCard label="Dossiers acceptés" value={formatNumber(d.totals.acceptedFiles)} icon={IconChecklist} color="teal" />
        <StatCard label="Aide accordée" value={euros(d.totals.aidCents)} icon={IconCash} />
        <StatCard label="Fonds social" value={euros(d.totals.socialFundCents)} icon={IconHeartHandshake} color="grape" />
        <StatCard label="Élèves équipés" value={formatNumber(equipped)} icon={IconUsers} color="blue" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section title="Dossiers par état">
          <Table aria-label="Dossiers par état">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Dossiers</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.byState.map((s) => (
                <Table.Tr key={s.state}>
                  <Table.Th scope="row">{stateLabel(s.state)}</Table.Th>
                  <Table.Td>{formatNumber(s.files)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title="Répartition des équipements demandés">
          <Stack gap="sm">
            {d.deviceSplit.map((s) => (
              <div key={s.device}>
                <Group justify="space-between">
                  <Text size="sm">{s.device}</Text>
                  <Text size="sm" fw={600}>
                    {formatNumber(s.percent)} % ({formatNumber(s.files)} dossiers)
                  </Text>
                </Group>
                <Progress value={s.percent} aria-label={`${s.device} : ${s.percent} %`} />
              </div>
            ))}
            {d.deviceSplit.length === 0 ? <Text c="dimmed">Aucun équipement demandé.</Text> : null}
          </Stack>
        </Section>
      </SimpleGrid>
      <Section title="Élèves équipés par lycée">
        <div className="table-scroll" role="region" aria-labelledby="equipes-par-lycee" tabIndex={0}>
          <Table miw={480} captionSide="top">
            <Table.Caption id="equipes-par-lycee" style={{ textAlign: 'left' }}>
              {formatNumber(equipped)} élève(s) équipé(s) dans {formatNumber(d.equippedBySchool.length)} lycée(s)
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Lycée</Table.Th>
                <Table.Th scope="col">UAI</Table.Th>
                <Table.Th scope="col">Élèves équipés</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.equippedBySchool.map((s) => (
                <Table.Tr key={s.uai ?? 'sans'}>
                  <Table.Td>{s.name ?? '—'}</Table.Td>
                  <Table.Td>{s.uai ?? '—'}</Table.Td>
                  <Table.Td>{formatNumber(s.pupils)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Section>
    </>
  );
}

/** The accepted files of the reader's schools: the pupil, the device, and the serial to record at the handover. */
function Deliveries({ campaignId }: { campaignId: string }) {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: campagnesKey('aid-deliveries', campaignId),
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaignId}/aid-deliveries', { params: { path: { campaignId } }, signal })),
  });
  const deliver = useMutation({
    mutationFn: ({ id, version, serial }: { id: string; version: number; serial: string }) => call(apiClient.POST('/api/aid-files/{id}/delivery', { params: { path: { id } }, body: { version, serial } })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Remise enregistrée : l’équipement de la famille est au parc.' });
      void client.invalidateQueries({ queryKey: campagnesKey('aid-deliveries', campaignId) });
      void client.invalidateQueries({ queryKey: campagnesKey('aid-dashboard', campaignId) });
    },
  });
  return (
    <Section title="Remises au lycée">
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Stack gap="sm">
          {deliver.error ? <Alert color="red" role="alert">{errorMessage(deliver.error)}</Alert> : null}
          <div className="table-scroll" role="region" aria-labelledby="remises-legende" tabIndex={0}>
            <Table miw={640} captionSide="top" verticalSpacing="xs">
              <Table.Caption id="remises-legende" style={{ textAlign: 'left' }}>
                {formatNumber(list.data.items.length)} équipement(s) à remettre ou remis
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Dossier</Table.Th>
                  <Table.Th scope="col">Élève</Table.Th>
                  <Table.Th scope="col">Équipement</Table.Th>
                  <Table.Th scope="col">Remise</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>n° {r.number}</Table.Td>
                    <Table.Td>{[r.pupilFirstName, r.pupilLastName].filter(Boolean).join(' ') || '—'}</Table.Td>
                    <Table.Td>{r.device ?? '—'}</Table.Td>
                    <Table.Td>
                      {r.deliveredAt ? (
                        <Badge variant="light" color="teal">Remis le {parisWhen(r.deliveredAt)}</Badge>
                      ) : (
                        <DeliveryForm number={r.number} busy={deliver.isPending && deliver.variables?.id === r.id} onSend={(serial) => deliver.mutate({ id: r.id, version: r.version, serial })} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {list.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>Aucun dossier accepté dans vos lycées.</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </div>
        </Stack>
      )}
    </Section>
  );
}

function DeliveryForm({ number, busy, onSend }: { number: number; busy: boolean; onSend: (serial: string) => void }) {
  const [serial, setSerial] = useState('');
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput size="xs" aria-label={`Numéro de série, dossier n° ${number}`} placeholder="Numéro de série" value={serial} onChange={(e) => setSerial(e.currentTarget.value)} />
      <Button size="xs" disabled={!serial.trim()} loading={busy} onClick={() => onSend(serial.trim())}>
        Remettre
      </Button>
    </Group>
  );
}
