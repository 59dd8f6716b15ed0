import { Button, Paper, Table, Text, Title } from '@mantine/core';
import { formatNumber } from '../../labels';
import { AnchorLink } from '../../ui/links';
import { QueryError } from '../../ui/QueryError';
import { ScrollRegion } from '../../ui/ScrollRegion';
import type { DeliveryPlan } from './CreateDeploymentForm';
import { classLabel } from './labels';
import { useDeploymentPlans } from './queries';

/**
 * What the sites are to receive before any delivery: the quantities granted on accepted renewal
 * files (campaigns), per class, less what the deliveries recorded against them already bring. A
 * delivery recorded from a line starts from its site, class and what is left.
 */
export function PlannedDeployments({ uai, onDeliver }: { uai?: string; onDeliver?: (plan: DeliveryPlan) => void }) {
  const plans = useDeploymentPlans(uai);
  if (plans.isError) return <QueryError error={plans.error} retry={() => void plans.refetch()} />;
  const items = plans.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="deploiements-prevus">
      <Title order={2} size="h4" id="deploiements-prevus" mb="xs">
        Déploiements prévus : renouvellements accordés
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Les quantités accordées sur les dossiers de renouvellement acceptés, par site et type d’équipement, moins ce que les livraisons enregistrées pour elles apportent.
      </Text>
      <ScrollRegion label="Déploiements prévus">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Type d’équipement</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Accordé</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Livré</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>Reste à livrer</Table.Th>
              <Table.Th scope="col">Origine</Table.Th>
              {onDeliver ? <Table.Th scope="col"><span className="visually-hidden">Action</span></Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <AnchorLink to="/parc/tableau-de-bord" search={{ uai: p.uai }}>{p.establishmentName}</AnchorLink>{' '}
                  <Text span size="xs" c="dimmed" ff="monospace">{p.uai}</Text>
                </Table.Td>
                <Table.Td>{classLabel(p.assetClass)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatNumber(p.quantity)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatNumber(p.delivered)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}><strong>{formatNumber(p.remaining)}</strong></Table.Td>
                <Table.Td>{p.sourceLink ? <a href={p.sourceLink}>{p.sourceLabel}</a> : p.sourceLabel}</Table.Td>
                {onDeliver ? (
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => onDeliver(p)}>
                      Enregistrer la livraison<span className="visually-hidden"> de {p.establishmentName}, {classLabel(p.assetClass).toLowerCase()}</span>
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </Paper>
  );
}
