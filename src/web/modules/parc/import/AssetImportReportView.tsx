import { Alert, Button, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { formatNumber } from '../../../labels';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { plural } from '../labels';
import type { AssetImportReport } from './types';

const step = 100;

/** What the import did: totals, then each rejected line with its reason. */
export function AssetImportReportView({ report }: { report: AssetImportReport }) {
  const t = report.totals;
  const [shown, setShown] = useState(step);
  return (
    <Stack gap="md">
      {report.status === 'applied' ? (
        <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title="Import terminé">
          {formatNumber(t.created)} {plural(t.created, 'équipement créé', 'équipements créés')}, {formatNumber(t.updated)} {plural(t.updated, 'mis à jour', 'mis à jour')},{' '}
          {formatNumber(t.unchanged)} sans changement
          {t.rejected ? `, ${formatNumber(t.rejected)} ${plural(t.rejected, 'ligne écartée', 'lignes écartées')}` : ''}.
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Import refusé : rien n’a été enregistré">
          {formatNumber(t.rejected)} {plural(t.rejected, 'ligne est invalide', 'lignes sont invalides')} (mode « tout ou rien »). Corrigez le fichier ou la correspondance des colonnes, ou
          choisissez « Appliquer les lignes valides ».
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" component="dl" m={0}>
        {(
          [
            ['Lignes lues', t.rows],
            ['Créés', t.created],
            ['Mis à jour', t.updated],
            ['Sans changement', t.unchanged],
            ['Rejetées', t.rejected],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" m={0} fw={700} fz="xl">
              {formatNumber(value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {report.rejected.length > 0 && (
        <div>
          <ScrollRegion label="Lignes rejetées">
            <Table captionSide="top" striped verticalSpacing="xs">
              <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>Lignes rejetées — {formatNumber(report.rejected.length)}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={80}>
                    Ligne
                  </Table.Th>
                  <Table.Th scope="col">Motif</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rejected.slice(0, shown).map((r, i) => (
                  <Table.Tr key={`${r.line}-${i}`}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {report.rejected.length > shown && (
            <Button mt="xs" variant="subtle" size="xs" onClick={() => setShown((s) => s + step * 5)}>
              Afficher plus ({formatNumber(report.rejected.length - shown)} restantes)
            </Button>
          )}
        </div>
      )}
    </Stack>
  );
}
