import { Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatNumber } from '../../labels';
import type { RowIssue } from './types';

const step = 100;

/** Rejected or skipped rows: line, UAI, reason; long lists show 100 rows at a time. */
export function IssueTable({ caption, issues }: { caption: string; issues: RowIssue[] }) {
  const [shown, setShown] = useState(step);
  return (
    <div>
      <div className="table-scroll">
        <Table captionSide="top" striped verticalSpacing="xs">
          <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>
            {caption} — {formatNumber(issues.length)}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={70}>Ligne</Table.Th>
              <Table.Th scope="col" w={110}>UAI</Table.Th>
              <Table.Th scope="col">Motif</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.slice(0, shown).map((issue, i) => (
              <Table.Tr key={`${issue.line}-${i}`}>
                <Table.Td>{issue.line}</Table.Td>
                <Table.Td ff="monospace">{issue.uai || '—'}</Table.Td>
                <Table.Td>{issue.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {issues.length > shown && (
        <Text mt="xs">
          <Button variant="subtle" size="xs" onClick={() => setShown((s) => s + step * 5)}>
            Afficher plus ({formatNumber(issues.length - shown)} restantes)
          </Button>
        </Text>
      )}
    </div>
  );
}
