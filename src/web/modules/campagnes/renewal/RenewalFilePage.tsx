import { Alert, Badge, Button, Group, NumberInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { euros, stateColors, stateLabel } from '../labels';
import { DraftOrderForm } from './DraftOrderForm';
import { FleetTable } from './FleetTable';
import { useRenewalFile, useSaveRenewalRequest } from './queries';

const routeApi = getRouteApi('/app/campagnes/renouvellement/$id');

export function RenewalFilePage() {
  return (
    <Guard permission="dossier.read">
      <RenewalFile />
    </Guard>
  );
}

type File = NonNullable<ReturnType<typeof useRenewalFile>['data']>;

function RenewalFile() {
  const { id } = routeApi.useParams();
  const file = useRenewalFile(id);
  if (file.isPending) return <Loading />;
  if (file.isError) return <QueryError error={file.error} retry={() => void file.refetch()} />;
  const f = file.data;
  return (
    <>
      <AnchorLink to="/campagnes/dossiers/$id" params={{ id: f.dossier.id }} size="sm">← Le dossier n° {f.dossier.number}</AnchorLink>
      <PageHeader
        title={`Renouvellement — ${f.school.name}`}
        subtitle={`${f.dossier.campaignTitle} · UAI ${f.school.uai}`}
        badge={<Badge variant="light" color={stateColors[f.dossier.state] ?? 'gray'}>{stateLabel(f.dossier.state)}</Badge>}
      />
      <Stack gap="lg">
        <Section title="Le parc de l’établissement">
          <FleetTable fleet={f.fleet} />
        </Section>
        <Section title="La demande">{f.permissions.request ? <RequestForm file={f} /> : <RequestView file={f} />}</Section>
        {f.permissions.grant ? (
          <Alert color="blue">
            L’arbitrage se fait sur la{' '}
            <AnchorLink to="/campagnes/$id/arbitrage" params={{ id: f.dossier.campaignId }}>
              page d’arbitrage de la campagne
            </AnchorLink>
            , face à l’enveloppe.
          </Alert>
        ) : null}
        {f.order ? <Alert color="teal">Bon de commande {f.order.reference} créé en brouillon à partir des quantités accordées.</Alert> : null}
        {f.permissions.order ? (
          <Section title="Commander les quantités accordées">
            <DraftOrderForm kind="renewal" fileId={f.dossier.id} classes={f.lines.filter((l) => (l.granted ?? 0) > 0).map((l) => ({ assetClass: l.assetClass, label: l.label, quantity: l.granted ?? 0 }))} />
          </Section>
        ) : null}
      </Stack>
    </>
  );
}

function RequestView({ file }: { file: File }) {
  const asked = file.lines.filter((l) => l.requested > 0 || l.granted !== null);
  if (!asked.length) return <Text c="dimmed">Rien n’est encore demandé.</Text>;
  return (
    <Stack gap="sm">
      <Table aria-label="Quantités demandées et accordées">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Classe</Table.Th>
            <Table.Th scope="col">Demandé</Table.Th>
            <Table.Th scope="col">Accordé</Table.Th>
            <Table.Th scope="col">Au parc (dont à renouveler)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {asked.map((l) => (
            <Table.Tr key={l.assetClass}>
              <Table.Th scope="row">{l.label}</Table.Th>
              <Table.Td>{l.requested}</Table.Td>
              <Table.Td>{l.granted ?? 'pas encore arbitré'}</Table.Td>
              <Table.Td>
                {l.fleetCount} ({l.renewalDueNow})
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        <strong>Justification :</strong> {file.justification || '—'}
      </Text>
    </Stack>
  );
}

/** Quantities per priced class, each beside what the fleet holds and what is due, with the justification. */
function RequestForm({ file }: { file: File }) {
  const save = useSaveRenewalRequest(file.dossier.id);
  const [quantities, setQuantities] = useState<Record<string, number>>(Object.fromEntries(file.lines.map((l) => [l.assetClass, l.requested])));
  const [justification, setJustification] = useState(file.justification);
  const [error, setError] = useState<string | null>(null);
  const total = file.lines.reduce((t, l) => t + (quantities[l.assetClass] ?? 0) * l.costCents, 0);
  const submit = () =>
    save.mutate(
      { lines: file.lines.map((l) => ({ assetClass: l.assetClass, requested: quantities[l.assetClass] ?? 0 })), justification, version: file.version },
      {
        onSuccess: () => {
          setError(null);
          notifications.show({ color: 'teal', message: 'Demande enregistrée.' });
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  return (
    <Stack gap="sm">
      <Text size="sm">Indiquez, par classe d’équipement, combien vous demandez de renouveler. Le parc ci-dessus est celui que la Région voit.</Text>
      {file.lines.map((l) => (
        <Group key={l.assetClass} align="flex-end">
          <NumberInput
            label={`${l.label} (${euros(l.costCents)} l’unité)`}
            description={`Au parc : ${l.fleetCount}, dont ${l.renewalDueNow} à renouveler`}
            min={0}
            max={10000}
            allowDecimal={false}
            value={quantities[l.assetClass] ?? 0}
            onChange={(v) => setQuantities((q) => ({ ...q, [l.assetClass]: typeof v === 'number' ? v : 0 }))}
            w={320}
          />
          {(quantities[l.assetClass] ?? 0) > l.renewalDueNow ? (
            <Badge color="orange" variant="light">
              Plus que les équipements à renouveler
            </Badge>
          ) : null}
        </Group>
      ))}
      <Textarea label="Justification" description="20 caractères au moins dès qu’une quantité est demandée" value={justification} onChange={(e) => setJustification(e.currentTarget.value)} autosize minRows={3} maxLength={5000} />
      <Text size="sm">Montant estimé de la demande : {euros(total)}</Text>
      {error ? (
        <Alert color="red" title="Demande non enregistrée">
          {error}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={submit} loading={save.isPending}>
          Enregistrer la demande
        </Button>
        <Text size="sm" c="dimmed">
          Déposez ensuite le dossier depuis sa page.
        </Text>
      </Group>
    </Stack>
  );
}
