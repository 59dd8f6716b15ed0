import { NativeSelect, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError, versionLine } from './ChangeError';
import { PublishBar, validFromOf } from './EffectiveDateInput';
import { apiClient, call } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useDeskChange, withoutRouting } from './queries';
import { impactLabels, priorityLabels, urgencyLabels, type DeskConfiguration } from './types';

const levels = [1, 2, 3, 4, 5];
const options = levels.map((p) => ({ value: String(p), label: priorityLabels[p] }));

/** The urgency × impact grid: each cell a select labelled with its urgency and impact. */
export function PriorityMatrixSection({ config }: { config: DeskConfiguration }) {
  const current = config.priorityMatrix;
  const [matrix, setMatrix] = useState(() => current.matrix.map((row) => [...row]));
  const [validFrom, setValidFrom] = useState('');
  const publish = useDeskChange((body: BodyOf<'/api/desk/priority-matrix', 'put'>) => call(apiClient.PUT('/api/desk/priority-matrix', { body })));
  const readOnly = !config.canConfigure;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await publish.mutateAsync({ version: current.version, matrix: matrix as BodyOf<'/api/desk/priority-matrix', 'put'>['matrix'], validFrom: validFromOf(validFrom) });
    notifications.show({ color: 'teal', message: 'Matrice de priorité publiée.' });
  };
  const set = (u: number, i: number, value: number) => setMatrix((m) => m.map((row, r) => (r === u ? row.map((cell, c) => (c === i ? value : cell)) : row)));

  return (
    <Section title="Matrice de priorité (urgence × impact)" id="matrice">
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {versionLine(current)}. La priorité « Majeure » se donne à la main aux incidents qui arrêtent un établissement.
          </Text>
          <ChangeError error={publish.error} />
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder withColumnBorders>
              <caption className="visually-hidden">Priorité selon l’urgence (lignes) et l’impact (colonnes)</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Urgence \ Impact</Table.Th>
                  {levels.map((i) => (
                    <Table.Th scope="col" key={i}>
                      Impact {impactLabels[i].toLowerCase()}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {levels.map((u) => (
                  <Table.Tr key={u}>
                    <Table.Th scope="row">Urgence {urgencyLabels[u].toLowerCase()}</Table.Th>
                    {levels.map((i) => (
                      <Table.Td key={i}>
                        <NativeSelect
                          aria-label={`Priorité pour une urgence ${urgencyLabels[u].toLowerCase()} et un impact ${impactLabels[i].toLowerCase()}`}
                          data={options}
                          value={String(matrix[u - 1][i - 1])}
                          onChange={(e) => set(u - 1, i - 1, Number(e.currentTarget.value))}
                          disabled={readOnly}
                          size="xs"
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!readOnly && (
            <PublishBar validFrom={validFrom} onValidFrom={setValidFrom} pending={publish.isPending} label="Publier la matrice" />
          )}
        </Stack>
      </form>
    </Section>
  );
}
