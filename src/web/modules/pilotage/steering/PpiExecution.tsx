import { Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';
import { formatCents, type Scenario } from './queries';

const ppiKey = () => ['steering', getActiveTenant(), 'ppi'] as const;

/** Where each kind's unit cost comes from: a contract's price list, else a cost reference. */
export function UnitCosts() {
  const costs = useQuery({ queryKey: [...ppiKey(), 'unit-costs'], queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/ppi/unit-costs', { signal })) });
  if (!costs.data) return null;
  return (
    <Section title="Coûts unitaires des opérations">
      <SimpleTable
        caption="Coût unitaire de chaque opération et son origine"
        scrollLabel="Coûts unitaires"
        columns={['Opération', { label: 'Coût unitaire (HT)', numeric: true }, 'Origine']}
        rows={costs.data.items.map((c) => ({
          key: c.kind,
          cells: [
            c.basis,
            formatCents(c.cents),
            <Badge variant="light" color={c.source === 'contract' ? 'teal' : 'gray'}>
              {c.source === 'contract' ? 'Bordereau de prix du marché' : 'Coût de référence'}
            </Badge>,
          ],
        }))}
      />
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
      <SimpleTable
        caption="Programmé, commandé, livré et facturé par année"
        scrollLabel="Exécution du plan voté"
        columns={['Année', { label: 'Programmé', numeric: true }, { label: 'Commandé (HT)', numeric: true }, { label: 'Livré', numeric: true }, { label: 'Facturé', numeric: true }]}
        rows={execution.data.years.map((y) => ({
          key: y.year,
          cells: [String(y.year), formatCents(y.plannedCents), formatCents(y.orderedCents), formatCents(y.deliveredCents), formatCents(y.invoicedCents)],
        }))}
      />
    </Section>
  );
}
