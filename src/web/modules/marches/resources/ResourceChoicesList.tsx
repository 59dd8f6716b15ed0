import { Badge, Group, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ExportButtons } from '../../../ui/ExportButtons';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TablePagination } from '../../../ui/TablePagination';
import { euros } from '../format';
import { useResourceChoices } from './queries';

const sizes = [25, 50, 100] as const;

/**
 * The schools' choices the reader reaches (a school: its own), one page at a time from the
 * server, optionally one school's; the export writes every page with the same filter.
 */
export function ResourceChoicesList({ uai }: { uai: string | null }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(25);
  useEffect(() => setPage(1), [uai]);
  const choices = useResourceChoices(uai, page, pageSize);
  return (
    <section aria-labelledby="resource-choices-title">
      <Group justify="space-between" align="flex-end" mb="xs">
        <Title order={2} size="h4" id="resource-choices-title">{uai ? `Choix de l’établissement ${uai}` : 'Choix des établissements'}</Title>
        <ExportButtons path="/resource-choices/export" filters={{ uai: uai ?? undefined }} basename="choix-ressources" />
      </Group>
      {choices.isPending ? <Loading /> : choices.isError ? <QueryError error={choices.error} /> : choices.data.total === 0 ? (
        <Text c="dimmed">{uai ? 'Aucun choix pour cet établissement.' : 'Aucun choix enregistré.'}</Text>
      ) : (
        <>
          <Table striped>
            <Table.Caption>{choices.data.total.toLocaleString('fr-FR')} choix</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>Établissement</Table.Th><Table.Th>Titre</Table.Th><Table.Th>Niveau</Table.Th><Table.Th>Quantité</Table.Th><Table.Th>Montant HT</Table.Th><Table.Th>État</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {choices.data.items.map((c) => (
                <Table.Tr key={`${c.uai}-${c.titleId}-${c.level}`}>
                  <Table.Td>{c.establishmentName}<Text size="xs" c="dimmed">{c.uai}</Text></Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>{c.level}</Table.Td>
                  <Table.Td>{c.quantity.toLocaleString('fr-FR')}</Table.Td>
                  <Table.Td>{c.digital ? euros(c.amountCents) : 'papier'}</Table.Td>
                  <Table.Td>{c.orderId ? <Badge color="teal.9" variant="outline">Commandé</Badge> : c.digital ? <Badge color="blue.9" variant="outline">En attente</Badge> : <Badge color="orange.9" variant="outline">Achat papier</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <TablePagination page={page} pageSize={pageSize} total={choices.data.total} noun="choix" onPage={setPage} sizes={sizes} onPageSize={(size) => { setPageSize(size); setPage(1); }} />
        </>
      )}
    </section>
  );
}
