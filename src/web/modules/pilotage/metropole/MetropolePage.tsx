import { Badge, Stack, Text } from '@mantine/core';
import { Disclosure } from '../../../ui/Disclosure';
import { CycleForm, ServiceForm } from './CatalogueForms';
import { CommuneAnswers } from './MembershipForms';
import { serviceCodes } from '../../../../modules/pilotage/metropole/operations/catalogue.input';
import { Link } from '@tanstack/react-router';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';
import { euros, percent, splitLabels, statusLabels, useCatalogue, useCommunes } from './queries';

export function MetropolePage() {
  return (
    <Guard permission="metropole.read">
      <Metropole />
    </Guard>
  );
}

function Metropole() {
  const catalogue = useCatalogue();
  const communes = useCommunes();
  const serviceName = new Map((catalogue.data?.services ?? []).map((s) => [s.id, s.name]));
  const manages = catalogue.data?.canManage === true;
  const free = serviceCodes.filter((c) => !(catalogue.data?.services ?? []).some((s) => s.code === c));
  return (
    <>
      <PageHeader title="Services de la Métropole" subtitle="Catalogue de services, adhésion « à la carte » des communes par cycles annuels, et service rendu à chacune." />
      <Stack gap="lg">
        <Section title="Catalogue de services" id="catalogue">
          {catalogue.error ? (
            <QueryError error={catalogue.error} retry={() => void catalogue.refetch()} />
          ) : !catalogue.data ? (
            <Loading />
          ) : (
            <SimpleTable
              caption="Catalogue de services"
              scrollLabel="Tableau du catalogue"
              columns={['Service', 'Niveau promis (tickets résolus dans les délais)', 'Coût par équipement et par an', 'Coût par élève et par an']}
              rows={catalogue.data.services.map((s) => ({ key: s.id, cells: [s.name, percent(s.resolveWithinTarget), euros(s.costPerDeviceCents), euros(s.costPerPupilCents)] }))}
            />
          )}
          {manages && catalogue.data && (
            <Stack gap="xs" mt="sm">
              {catalogue.data.services.map((s) => (
                <Disclosure key={`${s.id}-${s.version}`} summary={`Modifier : ${s.name}`}>
                  <ServiceForm service={s} />
                </Disclosure>
              ))}
              {free.length > 0 && (
                <Disclosure summary="Nouveau service">
                  <ServiceForm free={free} />
                </Disclosure>
              )}
            </Stack>
          )}
        </Section>
        {catalogue.data && (
          <Section title="Cycles d’adhésion" id="cycles">
            <SimpleTable caption="Cycles d’adhésion" columns={['Année', 'Libellé']} rows={catalogue.data.cycles.map((c) => ({ key: c.id, cells: [String(c.year), c.label] }))} empty="Aucun cycle." />
            {manages && (
              <Stack gap="xs" mt="sm">
                {catalogue.data.cycles.map((c) => (
                  <Disclosure key={`${c.id}-${c.version}`} summary={`Renommer le cycle ${c.year}`}>
                    <CycleForm cycle={c} />
                  </Disclosure>
                ))}
                <Disclosure summary="Nouveau cycle">
                  <CycleForm />
                </Disclosure>
              </Stack>
            )}
          </Section>
        )}
        <Section title="Communes" id="communes">
          {communes.error ? (
            <QueryError error={communes.error} retry={() => void communes.refetch()} />
          ) : !communes.data ? (
            <Loading />
          ) : communes.data.length === 0 ? (
            <Text c="dimmed">Aucune commune n’a encore répondu.</Text>
          ) : (
            <SimpleTable
              caption="Communes"
              scrollLabel="Tableau des communes"
              columns={['Commune', 'Cycle', 'Réponse', 'Répartition des coûts', 'Services souscrits']}
              rows={communes.data.map((c) => ({
                key: c.communeId,
                cells: [
                  c.status === 'joined' ? (
                    <Link to="/pilotage/metropole/communes/$communeId" params={{ communeId: c.communeId }}>
                      {c.name}
                    </Link>
                  ) : (
                    c.name
                  ),
                  String(c.cycleYear),
                  <Badge variant="light" color={c.status === 'joined' ? 'teal' : 'gray'}>
                    {statusLabels[c.status] ?? c.status}
                  </Badge>,
                  splitLabels[c.costSplit] ?? c.costSplit,
                  c.serviceIds.map((id) => serviceName.get(id) ?? id).join(', ') || '—',
                ],
              }))}
            />
          )}
        </Section>
        {manages && catalogue.data && <CommuneAnswers catalogue={catalogue.data} subscribed={new Map((communes.data ?? []).map((c) => [c.communeId, c.serviceIds]))} />}
      </Stack>
    </>
  );
}
