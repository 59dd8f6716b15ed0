import { Table } from '@mantine/core';
import { euros, parisDay } from './labels';

/** The instalments a family pays, as the simulator and the family's own file show them. */
export function AidSchedule({ schedule }: { schedule: { dueDate: string; amountCents: number }[] }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="echeancier" tabIndex={0}>
      <Table mt="md" striped captionSide="top">
        <Table.Caption id="echeancier" style={{ textAlign: 'left' }}>Échéancier ({schedule.length} mensualité{schedule.length > 1 ? 's' : ''})</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Échéance</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>Montant</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schedule.map((s, i) => (
            <Table.Tr key={`${s.dueDate}-${i}`}>
              <Table.Td>{parisDay(s.dueDate)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{euros(s.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
