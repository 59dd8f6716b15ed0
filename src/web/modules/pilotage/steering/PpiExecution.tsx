import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { Section } from '../../../ui/Section';
import { formatCents, type Scenario } from './queries';

const ppiKey = () => ['steering', getActiveTenant(), 'ppi'] as const;

/** Where each kind's unit cost comes from: a contract's price list, else a cost reference. */
export function UnitCosts() {
  const costs = useQuery({ queryKey: [...ppiKey(), 'unit-costs'], queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/ppi/unit-costs', { signal })) });
  if (!costs.data) return null;
  return (
    <Section title="Coûts unitaires des opérations">
      <ScrollRegion label="Coûts unitaires">
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Opération</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Coût unitaire (HT)</Table.Th>
              <Table.Th scope="col">Origine</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {costs.data.items.map((c) => (
              <Table.Tr key={c.kind}>
                <Table.Th scope="row" fw={500}>{c.basis}</Table.Th>
                <Table.Td style={{ textAlign: 'right' }}>{formatCents(c.cents)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={c.source === 'contract' ? 'teal' : 'gray'}>{c.source === 'contract' ? 'Bordereau de prix du marché' : 'Coût de référence'}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </Section>
  );
}

/** The voted plan's execution: planned each year against what the contracts ordered, delivered and invoiced. */
export function VotedPlanExecution({ items }: { items: Scenario[] }) {
  const voted = items.find((s) => s.status === 'voted');
  const execution = useQuery({
    queryKey: [...ppiKey(), 'execution', voted?.id],
    enabled: Boolean(voted),
    queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/ppi/scenarios/{id}/execution', { params: { path: { id: voted!.id } }, signal })),
  });
  if (!voted || !execution.data) return null;
  return (
    <Section title={`Exécution du plan voté : ${voted.name}`}>
      <Text size="sm" c="dimmed" mb="xs">Commandes des marchés passées pour les établissements du plan, l’année où il les programme.</Text>
      <ScrollRegion label="Exécution du plan voté">
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Année</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Programmé</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Commandé (HT)</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Livré</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Facturé</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {execution.data.years.map((y) => (
              <Table.Tr key={y.year}>
                <Table.Th scope="row">{y.year}</Table.Th>
                <Table.Td style={{ textAlign: 'right' }}>{formatCents(y.plannedCents)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCents(y.orderedCents)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCents(y.deliveredCents)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCents(y.invoicedCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </Section>
  );
}
