import { NativeSelect, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from '@mantine/form';
import { publishPriorityMatrixInput } from '../../../../modules/guichet/operations/config/priority-matrix.input';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Section } from '../../../ui/Section';
import { ChangeError, versionLine } from './ChangeError';
import { PublishBar, validFromOf } from './EffectiveDateInput';
import { apiClient, call } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useDeskChange } from './queries';
import { impactLabels, priorityLabels, urgencyLabels, type DeskConfiguration } from './types';

const levels = [1, 2, 3, 4, 5];
const options = levels.map((p) => ({ value: String(p), label: priorityLabels[p] }));

interface MatrixValues {
  matrix: number[][];
  /** datetime-local text, empty for now */
  validFrom: string;
}

/** The urgency × impact grid: each cell a select labelled with its urgency and impact. */
export function PriorityMatrixSection({ config }: { config: DeskConfiguration }) {
  const current = config.priorityMatrix;
  type MatrixBody = BodyOf<'/api/desk/priority-matrix', 'put'>;
  const bodyOf = (v: MatrixValues): MatrixBody => ({ version: current.version, matrix: v.matrix as MatrixBody['matrix'], validFrom: validFromOf(v.validFrom) });
  // the operation's own schema checks the grid and the effective date before anything is sent
  const form = useForm<MatrixValues>({
    initialValues: { matrix: current.matrix.map((row) => [...row]), validFrom: '' },
    validate: schemaValidator(publishPriorityMatrixInput, bodyOf),
  });
  const publish = useDeskChange((body: MatrixBody) => call(apiClient.PUT('/api/desk/priority-matrix', { body })));
  const readOnly = !config.canConfigure;
  const matrix = form.values.matrix;

  const submit = form.onSubmit(async (values) => {
    try {
      await publish.mutateAsync(bodyOf(values));
      notifications.show({ color: 'teal', message: 'Matrice de priorité publiée.' });
    } catch (error) {
      // the message is shown by ChangeError; the fields it names are marked
      showServerIssues(form, error);
    }
  });
  const set = (u: number, i: number, value: number) => form.setFieldValue(`matrix.${u}.${i}`, value);

  return (
    <Section title="Matrice de priorité (urgence × impact)" id="matrice">
      <form onSubmit={submit} noValidate>
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
                          error={form.errors[`matrix.${u - 1}.${i - 1}`]}
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
            <PublishBar validFrom={form.values.validFrom} onValidFrom={(v) => form.setFieldValue('validFrom', v)} error={form.errors.validFrom} pending={publish.isPending} label="Publier la matrice" />
          )}
        </Stack>
      </form>
    </Section>
  );
}
