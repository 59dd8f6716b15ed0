import { Alert, Badge, Button, Checkbox, Group, Menu, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconChevronDown, IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { formatDateTime, formatNumber } from '../../labels';
import { useCan } from '../../session/session';
import { ExportButtons } from '../../ui/ExportButtons';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { CreateDeploymentForm, type DeliveryPlan } from './CreateDeploymentForm';
import { PlannedDeployments } from './PlannedDeployments';
import { DeploymentItemsExport } from './DeploymentItemsExport';
import { classLabel, deploymentStepLabels, formatPercent, plural } from './labels';
import type { DeploymentsSearch } from './list-search';
import { useAdvanceDeployment, useDeployments } from './queries';
import { SchoolSelect } from '../../ui/SchoolSelect';
import type { Deployment } from './types';

const routeApi = getRouteApi('/app/parc/deploiements');

export function DeploymentsPage() {
  return (
    <Guard permission="asset.read">
      <Deployments />
    </Guard>
  );
}

/** Colours of the steps on the bar: the further, the darker; text says the same. */
const stepColors: Record<string, string> = { delivered: 'gray.5', installed: 'cyan.7', imaged: 'blue.7', 'in-service': 'teal.8' };

function Deployments() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan('asset.update');
  const [creating, setCreating] = useState<boolean | DeliveryPlan>(false);
  const list = useDeployments({ uai: search.uai, late: search.late });
  const s = list.data?.summary;

  return (
    <>
      <PageHeader
        title="Déploiements"
        subtitle="Livraisons par site et mise en service du matériel : livré, installé, masterisé, en service, dans le délai convenu."
        actions={
          <Group gap="sm">
            <ExportButtons path="/deployments/export" filters={{ uai: search.uai, late: search.late }} basename="deploiements" />
            {canCreate && !creating && (
              <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
                Enregistrer une livraison
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="lg">
        {creating && <CreateDeploymentForm key={creating === true ? 'new' : creating.id} plan={creating === true ? undefined : creating} onDone={() => setCreating(false)} />}
        <PlannedDeployments uai={search.uai} onDeliver={canCreate ? (plan) => setCreating(plan) : undefined} />
        {s && (
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            <Summary label="Livraisons" value={formatNumber(s.batches)} hint={`${formatNumber(s.sites)} ${plural(s.sites, 'site')}`} />
            <Summary label="Équipements attendus" value={formatNumber(s.expected)} hint={`${formatNumber(s.steps['in-service'])} en service`} />
            <Summary
              label="Mis en service dans le délai"
              value={s.due ? formatPercent(s.onTime / s.due) : '—'}
              hint={s.due ? `${formatNumber(s.onTime)} sur ${formatNumber(s.due)} ${plural(s.due, 'équipement dû', 'équipements dus')}` : 'aucune mise en service encore due'}
            />
            <Summary label="Sites en retard" value={formatNumber(s.late)} hint={s.late ? 'délai de mise en service dépassé' : 'aucun retard'} alert={s.late > 0} />
          </SimpleGrid>
        )}
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" gap="md">
            <div style={{ flex: 1, minWidth: 260, maxWidth: 520 }}>
              <SchoolSelect label="Site" placeholder="Tous les sites" value={search.uai ?? null} onChange={(uai) => navigate({ search: (prev: DeploymentsSearch) => ({ ...prev, uai: uai ?? undefined }) })} />
            </div>
            <Checkbox
              label="Seulement les sites en retard"
              checked={search.late === 'true'}
              onChange={(e) => navigate({ search: (prev: DeploymentsSearch) => ({ ...prev, late: e.currentTarget.checked ? 'true' : undefined }) })}
              mb={8}
            />
          </Group>
        </Paper>
        {list.error ? (
          <QueryError error={list.error} retry={() => void list.refetch()} />
        ) : !list.data ? (
          <Loading label="Chargement des déploiements…" />
        ) : list.data.items.length === 0 ? (
          <Paper withBorder p="lg" radius="md">
            <Text c="dimmed">
              {search.late || search.uai ? 'Aucune livraison ne correspond à ces critères.' : 'Aucune livraison enregistrée. Une livraison liste les numéros de série reçus sur un site ; l’inventaire fait ensuite avancer chaque équipement.'}
            </Text>
          </Paper>
        ) : (
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Livraisons, les sites en retard d’abord">
            {list.data.items.map((d) => (
              <DeploymentCard key={d.id} deployment={d} />
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}

function Summary(props: { label: string; value: string; hint: string; alert?: boolean }) {
  return (
    <Paper withBorder radius="md" p="md" style={props.alert ? { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } : undefined}>
      <Text size="sm" c="dimmed" fw={500}>
        {props.label}
      </Text>
      <Text fw={800} fz={26} lh={1.2} c={props.alert ? 'red.8' : undefined}>
        {props.value}
      </Text>
      <Text size="xs" c="dimmed">
        {props.hint}
      </Text>
    </Paper>
  );
}

function DeploymentCard({ deployment: d }: { deployment: Deployment }) {
  const advance = useAdvanceDeployment();
  const total = Math.max(d.expectedCount, d.registered);
  const steps = (['in-service', 'imaged', 'installed', 'delivered'] as const).filter((s) => d.steps[s] > 0);
  const run = async (step: 'installed' | 'imaged' | 'in-service') => {
    try {
      const result = await advance.mutateAsync({ id: d.id, step });
      notifications.show({ color: 'teal', message: `${formatNumber(result.advanced)} ${plural(result.advanced, 'équipement')} ${plural(result.advanced, 'passé', 'passés')} à l’étape « ${deploymentStepLabels[step]} ».` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Avancement impossible', message: errorMessage(error) });
    }
  };

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="md"
      style={d.late ? { borderLeft: '6px solid var(--mantine-color-red-7)', background: 'var(--mantine-color-red-0)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs">
        <div>
          <Text fw={700}>
            <AnchorLink to="/parc/tableau-de-bord" search={{ uai: d.uai }} underline="hover">
              {d.establishmentName}
            </AnchorLink>{' '}
            <Text span size="sm" c="dimmed" ff="monospace">
              {d.uai}
            </Text>
          </Text>
          <Text size="sm">
            <AnchorLink to="/parc/deploiements/$id" params={{ id: d.id }} fw={600}>
              {d.label}
            </AnchorLink>{' '}
            — {formatNumber(d.expectedCount)} × {classLabel(d.class).toLowerCase()}
            {d.orderReference ? ` — commande ${d.orderReference}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            Livré le {formatDateTime(d.deliveredAt)} ; à mettre en service avant le {formatDateTime(d.deadlineAt)} ({d.deadlineHours} h)
          </Text>
        </div>
        <Group gap="xs">
          {d.late ? (
            <Badge color="red" variant="light" radius="sm" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
              En retard de {formatNumber(d.hoursLate ?? 0)} h
            </Badge>
          ) : d.complete ? (
            <Badge color="teal" variant="light" radius="sm">
              Terminé
            </Badge>
          ) : (
            <Badge color="blue" variant="light" radius="sm">
              {d.hoursLeft !== null ? `Reste ${formatNumber(d.hoursLeft)} h` : 'En cours'}
            </Badge>
          )}
          {d.permissions.advance && !d.complete && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} aria-hidden />} loading={advance.isPending}>
                  Faire avancer<span className="visually-hidden"> la livraison {d.label} de {d.establishmentName}</span>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Tout le lot passe à l’étape</Menu.Label>
                {(['installed', 'imaged', 'in-service'] as const).map((step) => (
                  <Menu.Item key={step} onClick={() => void run(step)}>
                    {deploymentStepLabels[step]}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          <DeploymentItemsExport deployment={d} />
        </Group>
      </Group>
      <Progress.Root size={18} radius="sm" aria-hidden>
        {steps.map((s) => (
          <Progress.Section key={s} value={(d.steps[s] / total) * 100} color={stepColors[s]} />
        ))}
      </Progress.Root>
      <Group gap="md" mt={6} mb={0} mx={0} component="ul" p={0} style={{ listStyle: 'none' }} aria-label="Avancement par étape">
        {(['delivered', 'installed', 'imaged', 'in-service'] as const).map((s) => (
          <Group component="li" key={s} gap={6} wrap="nowrap">
            <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: `var(--mantine-color-${stepColors[s].replace('.', '-')})`, display: 'inline-block' }} />
            <Text size="sm">
              {deploymentStepLabels[s]} : <strong>{formatNumber(d.steps[s])}</strong>
            </Text>
          </Group>
        ))}
        <Text component="li" size="sm" c="dimmed">
          {formatNumber(d.inService)} / {formatNumber(d.expectedCount)} en service
          {d.registered < d.expectedCount ? ` ; ${formatNumber(d.expectedCount - d.registered)} numéros de série non reçus` : ''}
        </Text>
      </Group>
      {d.late && (
        <Alert color="red" variant="light" mt="sm" p="xs">
          Délai dépassé : {formatNumber(d.remaining)} {plural(d.remaining, 'équipement')} pas encore en service.
        </Alert>
      )}
    </Paper>
  );
}
