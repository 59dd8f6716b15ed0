import { Badge, Button, Checkbox, Group, Select, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { dossierStates, parisWhen, stateColors, stateLabel, type DossierState } from './labels';
import { DossierExportButtons } from './DossierExportButtons';
import { useBulk, useDossiers, type BulkAction } from './queries';

const bulkLabels: Record<BulkAction, string> = {
  'start-review': 'Passer en instruction',
  accept: 'Accepter',
  refuse: 'Refuser',
  classify: 'Classer sans suite',
};

const done: Record<BulkAction, string> = { 'start-review': 'passé(s) en instruction', accept: 'accepté(s)', refuse: 'refusé(s)', classify: 'classé(s) sans suite' };

/** The campaign's files, one server page at a time, with a state filter and the bulk decisions (all or nothing). */
export function DossiersTable(props: { campaignId: string; canInstruct: boolean; canExport?: boolean }) {
  const [state, setState] = useState<DossierState | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [selected, setSelected] = useState<string[]>([]);
  const list = useDossiers(props.campaignId, { state, page, pageSize });
  const bulk = useBulk(props.campaignId);
  const run = (action: BulkAction) =>
    bulk.mutate(
      { action, ids: selected },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: `${r.count} dossier(s) ${done[action]}.` });
          setSelected([]);
        },
        onError: (error) => notifications.show({ color: 'red', title: 'Action groupée refusée', message: errorMessage(error) }),
      },
    );
  const items = list.data?.items ?? [];
  const allChecked = items.length > 0 && items.every((d) => selected.includes(d.id));
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <>
      <Group align="flex-end" gap="md" mb="md">
        <Select
          label="État"
          placeholder="Tous"
          clearable
          data={dossierStates.map((s) => ({ value: s, label: stateLabel(s) }))}
          value={state ?? null}
          onChange={(v) => {
            setState((v as DossierState) ?? undefined);
            setPage(1);
            setSelected([]);
          }}
        />
        {props.canExport && <DossierExportButtons campaignId={props.campaignId} filters={{ state }} />}
        {props.canInstruct && (
          <Group gap="xs" role="group" aria-label="Actions sur les dossiers choisis">
            {(Object.keys(bulkLabels) as BulkAction[]).map((a) => (
              <Button key={a} variant="light" disabled={selected.length === 0} loading={bulk.isPending && bulk.variables?.action === a} onClick={() => run(a)}>
                {bulkLabels[a]}
              </Button>
            ))}
          </Group>
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <>
          <div className="table-scroll" role="region" aria-labelledby="dossiers-legende" tabIndex={0}>
            <Table striped highlightOnHover verticalSpacing="sm" miw={720} captionSide="top" aria-busy={list.isFetching}>
              <Table.Caption id="dossiers-legende" style={{ textAlign: 'left' }}>
                Dossiers de la campagne{selected.length ? ` (${selected.length} choisi${selected.length > 1 ? 's' : ''})` : ''}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {props.canInstruct && (
                    <Table.Th scope="col" w={40}>
                      <Checkbox aria-label="Choisir tous les dossiers de la page" checked={allChecked} onChange={() => setSelected(allChecked ? [] : items.map((d) => d.id))} />
                    </Table.Th>
                  )}
                  <Table.Th scope="col">N°</Table.Th>
                  <Table.Th scope="col">Demandeur</Table.Th>
                  <Table.Th scope="col">État</Table.Th>
                  <Table.Th scope="col">Déposé le</Table.Th>
                  <Table.Th scope="col">Décidé le</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id}>
                    {props.canInstruct && (
                      <Table.Td>
                        <Checkbox aria-label={`Choisir le dossier n° ${d.number}`} checked={selected.includes(d.id)} onChange={() => toggle(d.id)} />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <AnchorLink to="/campagnes/dossiers/$id" params={{ id: d.id }}>n° {d.number}</AnchorLink>
                    </Table.Td>
                    <Table.Td>{d.applicantLabel}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={stateColors[d.state] ?? 'gray'}>{stateLabel(d.state)}</Badge>
                      {d.correction && <Badge variant="outline" color="orange" ml={4}>correction demandée</Badge>}
                    </Table.Td>
                    <Table.Td>{parisWhen(d.submittedAt)}</Table.Td>
                    <Table.Td>{parisWhen(d.decidedAt)}</Table.Td>
                  </Table.Tr>
                ))}
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={props.canInstruct ? 6 : 5}>Aucun dossier ne correspond.</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </div>
          <TablePagination
            page={page}
            pageSize={pageSize}
            total={list.data.total}
            noun="dossier"
            onPage={(p) => {
              setPage(p);
              setSelected([]);
            }}
            onPageSize={(s) => {
              setPageSize(s);
              setPage(1);
            }}
            sizes={[25, 50, 100]}
          />
        </>
      )}
    </>
  );
}
