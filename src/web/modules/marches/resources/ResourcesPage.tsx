import { Alert, Badge, Button, Group, NumberInput, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { schoolLevels, setChoiceInput, setHeadcountInput } from '../../../../modules/marches/resources/resource.input';
import { errorMessage } from '../../../api/client';
import { useMe } from '../../../session/session';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { euros, frenchDay } from '../format';
import { useContracts } from '../queries';
import { useConsolidate, useEntSites, useResourceLicences, useResourceTitles, useSetChoice, useSetHeadcount } from './queries';
import { ResourceChoicesList } from './ResourceChoicesList';

type Title = NonNullable<ReturnType<typeof useResourceTitles>['data']>['items'][number];
type Level = Parameters<ReturnType<typeof useSetChoice>['mutate']>[0]['level'];

export function ResourcesPage() {
  return (
    <Guard permission="resource.read">
      <Resources />
    </Guard>
  );
}

function Resources() {
  const me = useMe();
  return (
    <>
      <PageHeader title="Ressources numériques et ENT" subtitle="Catalogue du marché de ressources, choix des établissements, licences et ouverture de l’ENT" />
      <Tabs defaultValue="choices" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="choices">Catalogue et choix</Tabs.Tab>
          <Tabs.Tab value="licences">Licences</Tabs.Tab>
          {me.permissions['contract.read'] && <Tabs.Tab value="ent">ENT par vagues</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="choices"><Choices /></Tabs.Panel>
        <Tabs.Panel value="licences"><Licences /></Tabs.Panel>
        {me.permissions['contract.read'] && <Tabs.Panel value="ent"><Ent /></Tabs.Panel>}
      </Tabs>
    </>
  );
}

function Choices() {
  const me = useMe();
  const [uai, setUai] = useState<string | null>(null);
  const titles = useResourceTitles();
  const canChoose = me.permissions['resource.choose'] === true;
  if (titles.isPending) return <Loading />;
  if (titles.isError) return <QueryError error={titles.error} />;
  return (
    <Stack>
      <SchoolSelect label="Établissement" description="Les choix de cet établissement, titre par titre et niveau par niveau" value={uai} onChange={setUai} />
      <Table striped>
        <Table.Caption>Catalogue ({titles.data.items.length} titres)</Table.Caption>
        <Table.Thead>
          <Table.Tr><Table.Th>Titre</Table.Th><Table.Th>Éditeur</Table.Th><Table.Th>Niveaux</Table.Th><Table.Th>Prix par licence HT</Table.Th><Table.Th>Version</Table.Th>{canChoose && uai && <Table.Th>Choisir</Table.Th>}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {titles.data.items.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{t.title}<Text size="xs" c="dimmed">{t.contractReference}</Text></Table.Td>
              <Table.Td>{t.publisher}</Table.Td>
              <Table.Td>{t.levels.join(', ')}</Table.Td>
              <Table.Td>{euros(t.pricePerLicenceCents)}</Table.Td>
              <Table.Td>
                {t.paperOnly ? (
                  <Badge color="orange.9" variant="outline" title="Pas de version numérique : l’établissement peut l’acheter en papier sur ses réserves">Papier seulement</Badge>
                ) : (
                  <Group gap={4}><Badge color="teal.9" variant="outline">Numérique</Badge>{t.throughGar && <Badge variant="outline">GAR</Badge>}</Group>
                )}
              </Table.Td>
              {canChoose && uai && <Table.Td><ChoiceForm title={t} uai={uai} /></Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canChoose && uai && <HeadcountForm uai={uai} />}
      {titles.data.items.some((t) => t.paperOnly) && <Alert color="orange" variant="light">Les titres « papier seulement » n’ont pas de version numérique : l’établissement peut les acheter en papier sur ses réserves ; ils ne sont pas consolidés dans les commandes.</Alert>}
      <ResourceChoicesList uai={uai} />
    </Stack>
  );
}

function ChoiceForm({ title, uai }: { title: Title; uai: string }) {
  const setChoice = useSetChoice();
  const form = useForm<{ level: string; quantity: number | string }>({
    initialValues: { level: title.levels[0], quantity: '' },
    validate: schemaValidator(setChoiceInput, (v: { level: string; quantity: number | string }) => ({ titleId: title.id, uai, level: v.level, quantity: v.quantity === '' ? undefined : Number(v.quantity) })),
  });
  const submit = form.onSubmit((v) =>
    setChoice.mutate(
      { titleId: title.id, uai, level: v.level as Level, quantity: Number(v.quantity) },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: `${title.title} (${v.level}) : ${v.quantity} licence(s) enregistrée(s).` }),
        onError: (error) => showServerIssues(form, error) || form.setErrors({ quantity: errorMessage(error) }),
      },
    ),
  );
  return (
    <form onSubmit={submit} aria-label={`Choix pour ${title.title}`}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Select label="Niveau" size="xs" w={90} data={title.levels} allowDeselect={false} {...form.getInputProps('level')} />
        <NumberInput label="Quantité" size="xs" w={110} {...form.getInputProps('quantity')} />
        <Button type="submit" size="xs" mt={24} loading={setChoice.isPending}>Enregistrer</Button>
      </Group>
    </form>
  );
}

/** The pupils a school orders for at one level: licences per pupil use it when the référentiel counts none. */
function HeadcountForm({ uai }: { uai: string }) {
  const options = useResourceContracts();
  const setHeadcount = useSetHeadcount();
  const form = useForm<{ contractId: string; level: string; pupils: number | string }>({
    initialValues: { contractId: options[0]?.value ?? '', level: '2de', pupils: '' },
    validate: schemaValidator(setHeadcountInput, (v: { contractId: string; level: string; pupils: number | string }) => ({ contractId: v.contractId, uai, level: v.level, pupils: v.pupils === '' ? undefined : Number(v.pupils) })),
  });
  if (!options.length) return null;
  const submit = form.onSubmit((v) =>
    setHeadcount.mutate(
      { contractId: v.contractId, uai, level: v.level as Level, pupils: Number(v.pupils) },
      {
        onSuccess: (r) => notifications.show({ color: 'teal', message: `Effectif de ${r.level} : ${r.pupils} élève(s) enregistré(s) pour ${r.establishmentName}.` }),
        onError: (error) => showServerIssues(form, error) || form.setErrors({ pupils: errorMessage(error) }),
      },
    ),
  );
  return (
    <form onSubmit={submit} aria-label="Effectif déclaré">
      <Group align="flex-end" gap="xs">
        <Select label="Marché de ressources" data={options} allowDeselect={false} w={200} {...form.getInputProps('contractId')} />
        <Select label="Niveau de l’effectif" data={[...schoolLevels]} allowDeselect={false} w={110} {...form.getInputProps('level')} />
        <NumberInput label="Élèves du niveau" description="Sert aux licences par élève" w={160} {...form.getInputProps('pupils')} />
        <Button type="submit" variant="light" loading={setHeadcount.isPending}>Déclarer l’effectif</Button>
      </Group>
    </form>
  );
}

function useResourceContracts() {
  const titles = useResourceTitles();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const t of titles.data?.items ?? []) seen.set(t.contractId, t.contractReference ?? t.contractId);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [titles.data]);
}

function Licences() {
  const me = useMe();
  const options = useResourceContracts();
  const [picked, setPicked] = useState<string | null>(null);
  const contractId = picked ?? options[0]?.value ?? null;
  const licences = useResourceLicences(contractId);
  const consolidate = useConsolidate();
  const run = () =>
    consolidate.mutate(contractId!, {
      onSuccess: (r) => notifications.show({ color: 'teal', message: `${r.licences} licences consolidées en ${r.orders.length} bon(s) de commande (brouillon) au titulaire.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Consolidation impossible', message: errorMessage(error) }),
    });
  if (!options.length) return <Text c="dimmed">Aucun marché de ressources au catalogue.</Text>;
  return (
    <Stack>
      <Group align="flex-end">
        <Select label="Marché de ressources" data={options} value={contractId} onChange={setPicked} allowDeselect={false} />
        {me.permissions['resource.manage'] && <Button onClick={run} loading={consolidate.isPending}>Consolider les choix en commandes</Button>}
        {contractId && <ExportButtons path="/resource-licences/export" filters={{ contractId }} basename="licences" />}
      </Group>
      {licences.isPending ? <Loading /> : licences.isError ? <QueryError error={licences.error} /> : (
        <>
          <Text>
            {licences.data.totals.licences.toLocaleString('fr-FR')} licences pour {licences.data.totals.schools} établissement(s), dont {licences.data.totals.ordered.toLocaleString('fr-FR')} commandées ; {euros(licences.data.totals.amountCents)} HT ;{' '}
            {licences.data.totals.licencesPerPupil === null
              ? 'effectifs inconnus (ni au référentiel, ni déclarés)'
              : `${licences.data.totals.licencesPerPupil.toLocaleString('fr-FR')} licence(s) par élève (${licences.data.totals.pupils.toLocaleString('fr-FR')} élèves de ${licences.data.totals.schoolsWithPupils} établissement(s) à l’effectif connu)`}.
          </Text>
          <Table striped>
            <Table.Caption>Licences par établissement</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>Établissement</Table.Th><Table.Th>Élèves</Table.Th><Table.Th>Source de l’effectif</Table.Th><Table.Th>Licences</Table.Th><Table.Th>Commandées</Table.Th><Table.Th>Par élève</Table.Th><Table.Th>Titres papier</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {licences.data.schools.slice(0, 500).map((s) => (
                <Table.Tr key={s.uai}>
                  <Table.Td>{s.name} ({s.uai})</Table.Td>
                  <Table.Td>{s.pupils ? s.pupils.toLocaleString('fr-FR') : '—'}</Table.Td>
                  <Table.Td>{s.pupilsSource === 'referentiel' ? 'Référentiel' : s.pupilsSource === 'declared' ? <span title={s.declaredByLevel ?? undefined}>Déclaré ({s.declaredByLevel})</span> : 'Inconnu'}</Table.Td>
                  <Table.Td>{s.licences}</Table.Td>
                  <Table.Td>{s.ordered}</Table.Td>
                  <Table.Td>{s.licencesPerPupil === null ? '—' : s.licencesPerPupil.toLocaleString('fr-FR')}</Table.Td>
                  <Table.Td>{s.paperTitles}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function Ent() {
  const contracts = useContracts({ theme: 'ENT' });
  const [picked, setPicked] = useState<string | null>(null);
  const options = (contracts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.reference} — ${c.object}` }));
  const contractId = picked ?? options[0]?.value ?? null;
  const ent = useEntSites(contractId);
  if (contracts.isPending) return <Loading />;
  if (!options.length) return <Text c="dimmed">Aucun marché ENT.</Text>;
  return (
    <Stack>
      <Select label="Marché ENT" data={options} value={contractId} onChange={setPicked} allowDeselect={false} maw={600} />
      {ent.isPending ? <Loading /> : ent.isError ? <QueryError error={ent.error} /> : (
        <>
          <Table striped>
            <Table.Caption>Ouverture par vagues ({ent.data.sites.length} sites)</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>Vague</Table.Th><Table.Th>Sites</Table.Th><Table.Th>Ouverture</Table.Th><Table.Th>Lancement HT</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {ent.data.waves.map((w) => <Table.Tr key={w.wave}><Table.Td>{w.wave}</Table.Td><Table.Td>{w.sites}</Table.Td><Table.Td>{frenchDay(w.openingDate)}</Table.Td><Table.Td>{euros(w.launchCents)}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
          <Table striped>
            <Table.Caption>Coût par année (lancement l’année d’ouverture, puis coût annuel)</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>Année</Table.Th><Table.Th>Sites ouverts</Table.Th><Table.Th>Dont ouverts dans l’année</Table.Th><Table.Th>Lancements HT</Table.Th><Table.Th>Fonctionnement HT</Table.Th><Table.Th>Total HT</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {ent.data.years.map((y) => <Table.Tr key={y.year}><Table.Td>{y.year}</Table.Td><Table.Td>{y.sitesOpen}</Table.Td><Table.Td>{y.sitesOpening}</Table.Td><Table.Td>{euros(y.launchCents)}</Table.Td><Table.Td>{euros(y.runningCents)}</Table.Td><Table.Td>{euros(y.totalCents)}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
