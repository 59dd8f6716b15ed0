import { Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { Section } from '../../../ui/Section';
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
            <ScrollRegion label="Tableau du catalogue">
              <Table striped aria-label="Catalogue de services">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Service</Table.Th>
                    <Table.Th scope="col">Niveau promis (tickets résolus dans les délais)</Table.Th>
                    <Table.Th scope="col">Coût par équipement et par an</Table.Th>
                    <Table.Th scope="col">Coût par élève et par an</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {catalogue.data.services.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Th scope="row" fw={500}>
                        {s.name}
                      </Table.Th>
                      <Table.Td>{percent(s.resolveWithinTarget)}</Table.Td>
                      <Table.Td>{euros(s.costPerDeviceCents)}</Table.Td>
                      <Table.Td>{euros(s.costPerPupilCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
        </Section>
        <Section title="Communes" id="communes">
          {communes.error ? (
            <QueryError error={communes.error} retry={() => void communes.refetch()} />
          ) : !communes.data ? (
            <Loading />
          ) : communes.data.length === 0 ? (
            <Text c="dimmed">Aucune commune n’a encore répondu.</Text>
          ) : (
            <ScrollRegion label="Tableau des communes">
              <Table striped aria-label="Communes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Commune</Table.Th>
                    <Table.Th scope="col">Cycle</Table.Th>
                    <Table.Th scope="col">Réponse</Table.Th>
                    <Table.Th scope="col">Répartition des coûts</Table.Th>
                    <Table.Th scope="col">Services souscrits</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {communes.data.map((c) => (
                    <Table.Tr key={c.communeId}>
                      <Table.Th scope="row" fw={500}>
                        {c.status === 'joined' ? (
                          <Link to="/pilotage/metropole/communes/$communeId" params={{ communeId: c.communeId }}>
                            {c.name}
                          </Link>
                        ) : (
                          c.name
                        )}
                      </Table.Th>
                      <Table.Td>{c.cycleYear}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={c.status === 'joined' ? 'teal' : 'gray'}>{statusLabels[c.status] ?? c.status}</Badge>
                      </Table.Td>
                      <Table.Td>{splitLabels[c.costSplit] ?? c.costSplit}</Table.Td>
                      <Table.Td>{c.serviceIds.map((id) => serviceName.get(id) ?? id).join(', ') || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
        </Section>
      </Stack>
    </>
  );
}
