import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlayerTrackNext } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState, type FormEvent } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import { formatDateTime, formatNumber } from '../../labels';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { Section } from '../../ui/Section';
import { DeploymentItemsExport } from './DeploymentItemsExport';
import { classLabel, deploymentStepLabels, plural } from './labels';
import { deploymentQuery, useAdvanceDeploymentItems } from './queries';
import type { DeploymentDetail, DeploymentItem } from './types';

const routeApi = getRouteApi('/app/parc/deploiements/$id');

type TargetStep = 'installed' | 'imaged' | 'in-service';
const steps = ['delivered', 'installed', 'imaged', 'in-service'] as const;
const targets: TargetStep[] = ['installed', 'imaged', 'in-service'];

export function DeploymentPage() {
  return (
    <Guard permission="asset.read">
      <DeploymentView />
    </Guard>
  );
}

function DeploymentView() {
  const { id } = routeApi.useParams();
  const detail = useQuery({ ...deploymentQuery(id), retry: (count, error) => !isApiError(error) && count < 2 });
  if (isApiError(detail.error, 404) || isApiError(detail.error, 403) || isApiError(detail.error, 400)) {
    return (
      <NotFoundPage
        title="Livraison introuvable"
        message="Cette livraison n’existe pas, appartient à une autre collectivité ou concerne un site hors du périmètre de votre rôle."
        back={{ to: '/parc', label: 'Retour au parc informatique' }}
      />
    );
  }
  if (detail.error) return <QueryError error={detail.error} retry={() => void detail.refetch()} />;
  if (!detail.data) return <Loading label="Chargement de la livraison…" />;
  return <Deployment d={detail.data} />;
}

function Deployment({ d }: { d: DeploymentDetail }) {
  const [stepFilter, setStepFilter] = useState('');
  const shown = useMemo(() => (stepFilter ? d.items.filter((i) => i.step === stepFilter) : d.items), [d.items, stepFilter]);
  return (
    <>
      <PageHeader
        title={`${d.label} — ${d.establishmentName}`}
        crumbs={[{ label: 'Parc informatique', to: '/parc' }]}
        badge={<LateBadge d={d} />}
        subtitle={
          <Text span>
            {formatNumber(d.expectedCount)} × {classLabel(d.class).toLowerCase()} — site {d.uai}
            {d.orderReference ? ` — commande ${d.orderReference}` : ''} — livré le {formatDateTime(d.deliveredAt)}, à mettre en service avant le {formatDateTime(d.deadlineAt)} ({d.deadlineHours} h)
          </Text>
        }
        actions={
          <Group gap="sm">
            <AnchorLink to="/parc/deploiements">Tous les déploiements</AnchorLink>
            <DeploymentItemsExport deployment={d} />
          </Group>
        }
      />
      <Stack gap="lg">
        {d.late && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Délai dépassé">
            {formatNumber(d.remaining)} {plural(d.remaining, 'équipement')} pas encore en service, {formatNumber(d.hoursLate ?? 0)} h après l’échéance.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Équipements par étape">
          {steps.map((s) => (
            <Paper component="li" withBorder radius="md" p="md" key={s}>
              <Text size="sm" c="dimmed" fw={500}>
                {deploymentStepLabels[s]}
              </Text>
              <Text fw={800} fz={26} lh={1.2}>
                {formatNumber(d.steps[s])}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        <Section title={`Équipements de la livraison (${formatNumber(d.items.length)})`} id="equipements">
          <Stack gap="md">
            <NativeSelect
              label="Étape"
              data={[{ value: '', label: 'Toutes les étapes' }, ...steps.map((s) => ({ value: s, label: deploymentStepLabels[s] }))]}
              value={stepFilter}
              onChange={(e) => setStepFilter(e.currentTarget.value)}
              maw={260}
            />
            <ItemsTable key={stepFilter} d={d} items={shown} />
          </Stack>
        </Section>
      </Stack>
    </>
  );
}

function LateBadge({ d }: { d: DeploymentDetail }) {
  if (d.late)
    return (
      <Badge color="red" variant="light" radius="sm" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
        En retard de {formatNumber(d.hoursLate ?? 0)} h
      </Badge>
    );
  if (d.complete)
    return (
      <Badge color="teal" variant="light" radius="sm">
        Terminé
      </Badge>
    );
  return (
    <Badge color="blue" variant="light" radius="sm">
      {d.hoursLeft !== null ? `Reste ${formatNumber(d.hoursLeft)} h` : 'En cours'}
    </Badge>
  );
}

/** The serials of the batch, each at its step; the chosen ones move forward together. */
function ItemsTable({ d, items }: { d: DeploymentDetail; items: DeploymentItem[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<TargetStep>('installed');
  const advance = useAdvanceDeploymentItems(d.id);
  const canAdvance = d.permissions.advance;
  const allChosen = items.length > 0 && items.every((i) => selected.has(i.serial));
  const someChosen = items.some((i) => selected.has(i.serial));
  const deadline = new Date(d.deadlineAt).getTime();

  const toggle = (serial: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(serial);
      else next.delete(serial);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const serials = items.filter((i) => selected.has(i.serial)).map((i) => i.serial);
    if (serials.length === 0) return;
    try {
      const result = await advance.mutateAsync({ step: target, serials });
      const unchanged = result.unchanged ? ` ; ${formatNumber(result.unchanged)} ${plural(result.unchanged, 'était', 'étaient')} déjà à cette étape ou au-delà` : '';
      notifications.show({
        color: 'teal',
        message: `${formatNumber(result.advanced)} ${plural(result.advanced, 'équipement')} ${plural(result.advanced, 'passé', 'passés')} à l’étape « ${deploymentStepLabels[target]} »${unchanged}.`,
      });
      setSelected(new Set());
    } catch {
      // shown below
    }
  };

  /** Late: not in service and the deadline passed, or put in service after it. */
  const isLate = (i: DeploymentItem) => (i.inServiceAt ? new Date(i.inServiceAt).getTime() > deadline : d.late);

  return (
    <Stack gap="sm">
      {canAdvance && (
        <form onSubmit={(e) => void submit(e)} aria-label="Faire avancer les équipements choisis">
          <Group align="flex-end" gap="sm">
            <Text fw={600} role="status" aria-live="polite" mb={8}>
              {formatNumber(selected.size)} {plural(selected.size, 'équipement choisi', 'équipements choisis')}
            </Text>
            <NativeSelect
              label="Faire passer à l’étape"
              data={targets.map((s) => ({ value: s, label: deploymentStepLabels[s] }))}
              value={target}
              onChange={(e) => setTarget(e.currentTarget.value as TargetStep)}
            />
            <Button type="submit" leftSection={<IconPlayerTrackNext size={16} aria-hidden />} loading={advance.isPending} disabled={selected.size === 0}>
              Faire avancer la sélection
            </Button>
          </Group>
          {advance.error && (
            <Alert color="red" role="alert" title="Avancement impossible" mt="sm">
              {errorMessage(advance.error)}
            </Alert>
          )}
        </form>
      )}
      {items.length === 0 ? (
        <Text c="dimmed">Aucun équipement à cette étape.</Text>
      ) : (
        <ScrollRegion label="Équipements de la livraison">
          <Table captionSide="top" striped verticalSpacing="xs" miw={760}>
            <Table.Caption className="visually-hidden">Équipements de la livraison, par numéro de série</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {canAdvance && (
                  <Table.Th scope="col" w={40}>
                    <Checkbox
                      aria-label="Choisir tous les équipements affichés"
                      checked={allChosen}
                      indeterminate={someChosen && !allChosen}
                      onChange={(e) => setSelected(e.currentTarget.checked ? new Set(items.map((i) => i.serial)) : new Set())}
                    />
                  </Table.Th>
                )}
                <Table.Th scope="col">Numéro de série</Table.Th>
                <Table.Th scope="col">Équipement inventorié</Table.Th>
                <Table.Th scope="col">Étape</Table.Th>
                <Table.Th scope="col">Depuis le</Table.Th>
                <Table.Th scope="col">Premier inventaire</Table.Th>
                <Table.Th scope="col">Mise en service</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.serial}>
                  {canAdvance && (
                    <Table.Td>
                      <Checkbox aria-label={`Choisir ${i.serial}`} checked={selected.has(i.serial)} onChange={(e) => toggle(i.serial, e.currentTarget.checked)} />
                    </Table.Td>
                  )}
                  <Table.Td ff="monospace">{i.serial}</Table.Td>
                  <Table.Td>
                    {i.assetId ? (
                      <AnchorLink to="/parc/$id" params={{ id: i.assetId }}>
                        {i.assetName ?? 'Ouvrir la fiche'}
                      </AnchorLink>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        Pas encore vu par l’inventaire
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light" radius="sm" color={i.step === 'in-service' ? 'teal' : 'gray'}>
                        {i.stepLabel}
                      </Badge>
                      {isLate(i) && (
                        <Badge variant="light" radius="sm" color="red">
                          En retard
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.stepAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{i.firstSeenAt ? formatDateTime(i.firstSeenAt) : '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{i.inServiceAt ? formatDateTime(i.inServiceAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Stack>
  );
}
