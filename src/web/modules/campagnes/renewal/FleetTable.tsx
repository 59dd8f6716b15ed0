import { Table, Text } from '@mantine/core';

export interface FleetLine {
  assetClass: string;
  label: string;
  count: number;
  averageAgeYears: number | null;
  underWarranty: number;
  warrantyExpired: number;
  renewalDueNow: number;
  renewalDueNextYear: number;
  expectedLifeYears: number;
}

/** The school's fleet from the Parc, by class: what a renewal request is read beside. */
export function FleetTable({ fleet }: { fleet: FleetLine[] }) {
  if (!fleet.length) return <Text c="dimmed">Aucun équipement de cet établissement au parc.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label="Parc de l’établissement par classe d’équipement">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Classe</Table.Th>
            <Table.Th scope="col">Équipements</Table.Th>
            <Table.Th scope="col">Âge moyen</Table.Th>
            <Table.Th scope="col">Sous garantie</Table.Th>
            <Table.Th scope="col">Garantie échue</Table.Th>
            <Table.Th scope="col">À renouveler cette année</Table.Th>
            <Table.Th scope="col">L’an prochain</Table.Th>
            <Table.Th scope="col">Durée de vie</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fleet.map((f) => (
            <Table.Tr key={f.assetClass}>
              <Table.Th scope="row">{f.label}</Table.Th>
              <Table.Td>{f.count}</Table.Td>
              <Table.Td>{f.averageAgeYears === null ? '—' : `${f.averageAgeYears.toLocaleString('fr-FR')} ans`}</Table.Td>
              <Table.Td>{f.underWarranty}</Table.Td>
              <Table.Td>{f.warrantyExpired}</Table.Td>
              <Table.Td>{f.renewalDueNow}</Table.Td>
              <Table.Td>{f.renewalDueNextYear}</Table.Td>
              <Table.Td>{f.expectedLifeYears} ans</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
