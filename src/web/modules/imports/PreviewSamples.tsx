import { Table } from '@mantine/core';
import type { RowSample } from './types';

const captions: Record<'created' | 'updated' | 'unchanged', string> = {
  created: 'Premières lignes à créer',
  updated: 'Premières lignes à mettre à jour',
  unchanged: 'Premières lignes inchangées',
};

/** A preview's first rows of each outcome: line, UAI and name, so the file can be recognised. */
export function PreviewSamples({ samples }: { samples: Record<'created' | 'updated' | 'unchanged', RowSample[]> }) {
  return (
    <>
      {(Object.keys(captions) as (keyof typeof captions)[])
        .filter((outcome) => samples[outcome].length > 0)
        .map((outcome) => (
          <div className="table-scroll" key={outcome}>
            <Table captionSide="top" striped verticalSpacing="xs">
              <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{captions[outcome]}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={70}>Ligne</Table.Th>
                  <Table.Th scope="col" w={110}>UAI</Table.Th>
                  <Table.Th scope="col">Nom</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {samples[outcome].map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td ff="monospace">{row.uai}</Table.Td>
                    <Table.Td>{row.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
    </>
  );
}
