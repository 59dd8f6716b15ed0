import { Alert, Badge, Button, Group, NativeSelect, Paper, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { moveOperationInput, operationLabels, type OperationKind } from '../../../../modules/pilotage/operations/ppi.input';
import { apiClient, call, errorMessage, getActiveTenant } from '../../../api/client';
import type { ResponseOf } from '../../../api/types';
import { formatDateTime } from '../../../labels';
import { useCan } from '../../../session/session';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';
import { TablePagination } from '../../../ui/TablePagination';
import { FinancingForm } from './PpiFinancingForm';
import { formatCents, refreshSteering, type Scenario } from './queries';

export type PpiOperation = ResponseOf<'/api/pilotage/ppi/scenarios/{id}/operations'>['items'][number];

const unscheduled = 'hors-plan';
export const kindLabel = (kind: string) => operationLabels[kind as OperationKind] ?? kind;
export const operationTitle = (op: PpiOperation) => `${kindLabel(op.kind)} (${op.quantity}) — ${op.name}`;
const planYears = (s: Scenario) => Array.from({ length: s.yearCount }, (_, i) => s.startYear + i);

const pageSizes = [25, 50, 100] as const;
/** The list's year filter as the server reads it: a year of the plan, `unscheduled`, or none. */
const yearFilter = (year: string): { year?: number | 'unscheduled' } => (year === '' ? {} : { year: year === unscheduled ? 'unscheduled' : Number(year) });

const useOperations = (scenarioId: string | null, year: string, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['steering', getActiveTenant(), 'ppi-operations', scenarioId, year, page, pageSize],
    enabled: scenarioId !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      call(apiClient.GET('/api/pilotage/ppi/scenarios/{id}/operations', { params: { path: { id: scenarioId! }, query: { ...yearFilter(year), page, pageSize } }, signal })),
  });

/** A scenario's operations by priority, each moved to another year or financed line by line while the scenario is a draft. */
export function PpiOperations({ items }: { items: Scenario[] }) {
  const [scenarioId, setScenarioId] = useState<string | null>((items.find((s) => s.status === 'draft') ?? items[0])?.id ?? null);
  const [year, setYear] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(pageSizes[0]);
  const [editing, setEditing] = useState<string | null>(null);
  const scenario = items.find((s) => s.id === scenarioId) ?? null;
  const operations = useOperations(scenarioId, year, page, pageSize);
  const canManage = useCan('ppi.manage');
  const canExport = useCan('steering.export');
  const editable = canManage && scenario?.status === 'draft';
  const shown = operations.data?.items ?? [];
  const total = operations.data?.total ?? 0;
  const current = shown.find((o) => o.id === editing) ?? null;
  return (
    <Section
      title="Opérations d’un scénario"
      id="operations-ppi"
      actions={canExport && scenarioId && <ExportButtons path={`/pilotage/ppi/scenarios/${scenarioId}/operations/export`} filters={yearFilter(year)} basename="ppi-operations" />}
    >
      <Stack gap="md">
        <Group align="flex-end">
          <Select
            label="Scénario"
            data={items.map((s) => ({ value: s.id, label: `${s.name}${s.status === 'voted' ? ' (voté)' : ''}` }))}
            value={scenarioId}
            onChange={(v) => {
              setScenarioId(v);
              setEditing(null);
              setYear('');
              setPage(1);
            }}
            allowDeselect={false}
            w={320}
          />
          {scenario && (
            <NativeSelect
              label="Année"
              value={year}
              onChange={(e) => {
                setYear(e.currentTarget.value);
                setPage(1);
              }}
              data={[{ value: '', label: 'Toutes' }, ...planYears(scenario).map((y) => ({ value: String(y), label: String(y) })), { value: unscheduled, label: 'Non programmées' }]}
            />
          )}
        </Group>
        {scenario?.status === 'voted' && (
          <Alert color="gray" title="Scénario voté">
            {`Voté${scenario.votedAt ? ` le ${formatDateTime(scenario.votedAt)}` : ''} : ses opérations et leur financement sont figés. Pour les modifier, proposez un nouveau scénario comparé à celui-ci.`}
          </Alert>
        )}
        {operations.error ? (
          <QueryError error={operations.error} retry={() => void operations.refetch()} />
        ) : scenarioId && !operations.data ? (
          <Loading label="Chargement des opérations…" />
        ) : (
          <>
            <SimpleTable
              caption={`${total} opérations, par priorité`}
              scrollLabel="Opérations du scénario"
              columns={['Établissement', 'Opération', { label: 'Coût', numeric: true }, 'Année', { label: 'Financé', numeric: true }, ...(editable ? ['Modifier'] : [])]}
              empty="Aucune opération."
              rows={shown.map((o) => ({
                key: o.id,
                cells: [
                  `${o.name} (${o.uai})`,
                  `${kindLabel(o.kind)} × ${o.quantity}`,
                  formatCents(o.costCents),
                  o.year === null ? 'Non programmée' : String(o.year),
                  o.financedCents === o.costCents ? (
                    formatCents(o.financedCents)
                  ) : (
                    <Badge variant="light" color="orange">
                      {`${formatCents(o.financedCents)} sur ${formatCents(o.costCents)}`}
                    </Badge>
                  ),
                  ...(editable
                    ? [
                        <Button key="edit" size="xs" variant={editing === o.id ? 'filled' : 'light'} onClick={() => setEditing(o.id)} aria-label={`Modifier : ${operationTitle(o)}`}>
                          Modifier
                        </Button>,
                      ]
                    : []),
                ],
              }))}
            />
            <TablePagination
              page={page}
              pageSize={pageSize}
              total={total}
              noun="opération"
              onPage={setPage}
              sizes={pageSizes}
              onPageSize={(size) => {
                setPageSize(size);
                setPage(1);
              }}
            />
            {editable && current && scenario && <OperationEditor key={`${current.id}-${current.version}`} scenario={scenario} operation={current} onClose={() => setEditing(null)} />}
          </>
        )}
      </Stack>
    </Section>
  );
}

function OperationEditor({ scenario, operation, onClose }: { scenario: Scenario; operation: PpiOperation; onClose: () => void }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`Opération : ${operationTitle(operation)}`}>
      <Stack gap="md">
        <Group justify="space-between">
          <Text fw={700}>{operationTitle(operation)}</Text>
          <Button variant="subtle" size="xs" onClick={onClose}>
            Fermer
          </Button>
        </Group>
        <Text size="sm">{`Coût ${formatCents(operation.costCents)} (${operation.quantity} × ${formatCents(operation.unitCostCents)}${operation.costBasis ? `, ${operation.costBasis}` : ''}).`}</Text>
        <MoveForm scenario={scenario} operation={operation} />
        <FinancingForm scenario={scenario} operation={operation} />
      </Stack>
    </Paper>
  );
}

interface MoveValues {
  year: string;
}
const toMove = (version: number) => (v: MoveValues) => ({ year: v.year === unscheduled ? null : v.year === '' ? Number.NaN : Number(v.year), version });

/** Another year of the plan (or out of it); the server refuses a year it would put over its ceiling, and says so here. */
function MoveForm({ scenario, operation }: { scenario: Scenario; operation: PpiOperation }) {
  const queryClient = useQueryClient();
  const form = useForm<MoveValues>({ initialValues: { year: operation.year === null ? unscheduled : String(operation.year) }, validate: schemaValidator(moveOperationInput, toMove(operation.version)) });
  const move = useMutation({
    mutationFn: (v: MoveValues) =>
      call(apiClient.PUT('/api/pilotage/ppi/scenarios/{id}/operations/{operationId}/year', { params: { path: { id: scenario.id, operationId: operation.id } }, body: toMove(operation.version)(v) })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Opération reprogrammée.' });
      await refreshSteering(queryClient);
    },
    // the ceiling's refusal, a vote or someone else's change meanwhile: the server's French words, under the field
    onError: (error) => showServerIssues(form, error) || form.setFieldError('year', errorMessage(error)),
  });
  return (
    <form onSubmit={form.onSubmit((v) => move.mutate(v))} noValidate aria-label="Programmation de l’opération">
      <Group align="flex-start">
        <NativeSelect
          label="Année de programmation"
          data={[...planYears(scenario).map((y) => ({ value: String(y), label: String(y) })), { value: unscheduled, label: 'Hors plan (non programmée)' }]}
          w={260}
          {...form.getInputProps('year')}
        />
        <Button type="submit" mt={25} loading={move.isPending}>
          Reprogrammer
        </Button>
      </Group>
    </form>
  );
}
