import { Grid, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingCommunity, IconDoor, IconSchool, IconStar } from '@tabler/icons-react';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { apiClient, call, getActiveTenant } from '../api/client';
import { formatNumber, natureLabel } from '../labels';
import { DeskHomeCard, deskHomeQuery } from '../modules/guichet/home/DeskHomeCard';
import { FleetSummaryCard } from '../modules/parc/FleetSummaryCard';
import { fleetStatsQuery } from '../modules/parc/queries';
import { activeTenantOf, useMe } from '../session/session';
import type { Me } from '../session/types';
import { navItems } from '../ui/nav-items';
import { QueryError } from '../ui/QueryError';
import { Section } from '../ui/Section';
import { usePageTitle } from '../ui/usePageTitle';
import { AnchorLink } from '../ui/links';

/** One call for every figure; the server counts within the person's scope. */
const establishmentStatsQuery = () =>
  queryOptions({
    queryKey: ['establishments', getActiveTenant(), 'stats'],
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments/stats', { signal })),
  });

function useEstablishmentStats(enabled: boolean) {
  return useQuery({ ...establishmentStatsQuery(), enabled });
}

/** The home page's figures, started by its route beside the drawing of the layout (see router.tsx). */
export function startHomeQueries(client: QueryClient, me: Me) {
  if (me.permissions['establishment.read']) void client.prefetchQuery(establishmentStatsQuery());
  if (me.permissions['asset.read']) void client.prefetchQuery(fleetStatsQuery());
  if (me.permissions['ticket.read']) void client.prefetchQuery(deskHomeQuery());
}

function Stat(props: { label: string; value: number | undefined; icon: typeof IconSchool; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="sm" c="dimmed" fw={500}>{props.label}</Text>
          <Text fw={800} fz={30} lh={1.2}>{props.value === undefined ? '…' : formatNumber(props.value)}</Text>
          {props.hint && <Text size="xs" c="dimmed">{props.hint}</Text>}
        </div>
        <ThemeIcon variant="light" size={44} radius="md" aria-hidden>
          <props.icon size={24} />
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

/** A family that signs in with a password (the demo's) lands on its own pages, not on the staff's home. */
export function HomePage() {
  const me = useMe();
  const tenant = activeTenantOf(me);
  const familyOnly = me.permissions['family-aid.apply'] === true && me.permissions['establishment.read'] !== true;
  if (familyOnly && tenant) return <Navigate to="/famille/$authority" params={{ authority: tenant.code }} />;
  return <StaffHome />;
}

function StaffHome() {
  const me = useMe();
  const tenant = activeTenantOf(me);
  usePageTitle('Accueil');
  const canRead = me.permissions['establishment.read'] === true;
  const canReadFleet = me.permissions['asset.read'] === true;
  const canReadDesk = me.permissions['ticket.read'] === true;
  // a school and a technician see the desk first (what they act on); the administration the estate
  const deskFocus = useQuery({ ...deskHomeQuery(), enabled: canReadDesk }).data?.focus;
  const deskFirst = canReadDesk && deskFocus !== undefined && deskFocus !== 'desk';
  const stats = useEstablishmentStats(canRead);
  const values = stats.data;
  const error = stats.error;
  const total = values?.total;
  // every nature the server counted, with a link to the filtered list; schools of no nature are "others"
  const byNature = (values?.byNature ?? [])
    .filter((n) => n.natureCode && n.count > 0)
    .map((n) => ({ code: n.natureCode!, label: natureLabel(n.natureCode, n.natureLabel), count: n.count }))
    .sort((a, b) => b.count - a.count);
  const other = total === undefined ? 0 : total - byNature.reduce((s, n) => s + n.count, 0);
  const pct = (n: number) => (total ? (n / total) * 100 : 0);
  const pctText = (n: number) => (n > 0 && pct(n) < 1 ? '< 1 %' : `${Math.round(pct(n))} %`);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Bonjour {me.user.displayName}</Title>
        <Text c="dimmed" mt={4}>
          {tenant ? `${tenant.name} — ${tenant.roleLabels.join(', ')}` : 'Aucune collectivité active'}
        </Text>
      </div>
      {error ? <QueryError error={error} retry={() => void stats.refetch()} /> : null}
      {deskFirst && <DeskHomeCard />}
      {deskFirst && canReadFleet && <FleetSummaryCard />}
      {canRead && (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
          <Stat label="Établissements" value={total} icon={IconSchool} hint="dans votre périmètre" />
          <Stat label="Ouverts" value={values?.open} icon={IconDoor} />
          <Stat label="Publics" value={values?.public} icon={IconBuildingCommunity} hint={values ? `${formatNumber(values.private)} privés` : undefined} />
          <Stat
            label="Éducation prioritaire"
            value={values ? values.rep + values.repPlus : undefined}
            icon={IconStar}
            hint={values ? `${formatNumber(values.rep)} REP, ${formatNumber(values.repPlus)} REP+` : undefined}
          />
        </SimpleGrid>
      )}
      {!deskFirst && canReadFleet && <FleetSummaryCard />}
      {!deskFirst && canReadDesk && <DeskHomeCard />}
      <Grid gutter="lg">
        {canRead && (
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Section title="Établissements par nature" id="par-nature">
              <Table captionSide="top" verticalSpacing="sm">
                <Table.Caption className="visually-hidden">Nombre d’établissements par nature</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Nature</Table.Th>
                    <Table.Th scope="col" style={{ textAlign: 'right' }}>Nombre</Table.Th>
                    <Table.Th scope="col" w="35%">Part</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {byNature.map((n) => (
                    <Table.Tr key={n.code}>
                      <Table.Td>
                        <AnchorLink to="/etablissements" search={{ natureCode: n.code }}>{n.label}</AnchorLink>
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }} fw={600}>{formatNumber(n.count)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Progress value={pct(n.count)} style={{ flex: 1 }} aria-hidden />
                          <Text size="sm" w={48} ta="right">{pctText(n.count)}</Text>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {other > 0 && (
                    <Table.Tr>
                      <Table.Td>Nature non renseignée</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }} fw={600}>{formatNumber(other)}</Table.Td>
                      <Table.Td><Text size="sm">{pctText(other)}</Text></Table.Td>
                    </Table.Tr>
                  )}
                  {total === 0 && (
                    <Table.Tr><Table.Td colSpan={3}><Text c="dimmed">Aucun établissement : importez l’annuaire pour commencer.</Text></Table.Td></Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Section>
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, lg: canRead ? 4 : 12 }}>
          <Section title="Accès rapides" id="acces-rapides">
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {navItems
                .filter((i) => i.to !== '/' && (!i.permission || me.permissions[i.permission]))
                .map((item) => (
                  <li key={item.to}>
                    <AnchorLink to={item.to} underline="hover">
                      <Group gap="xs" wrap="nowrap">
                        <item.icon size={18} aria-hidden />
                        {item.label}
                      </Group>
                    </AnchorLink>
                  </li>
                ))}
            </Stack>
          </Section>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
