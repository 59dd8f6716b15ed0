import { NativeSelect, Table, Text } from '@mantine/core';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import type { AssetImportPreview, ColumnMapping } from './types';

const notImported = '';

/** Each field the import knows, fed by one column of the file (or none): a select per field. */
export function ColumnMappingTable(props: { preview: AssetImportPreview; mapping: ColumnMapping; onChange: (mapping: ColumnMapping) => void; disabled?: boolean }) {
  const { preview, mapping } = props;
  const options = [{ value: notImported, label: '— Non importé —' }, ...preview.columns.map((c) => ({ value: c.header, label: c.header }))];
  const samplesOf = (header: string | undefined) => preview.columns.find((c) => c.header === header)?.samples ?? [];
  const set = (field: string, header: string) => {
    const next = { ...mapping };
    if (header === notImported) delete next[field];
    else next[field] = header;
    props.onChange(next);
  };
  return (
    <ScrollRegion label="Correspondance des colonnes">
      <Table captionSide="top" verticalSpacing="xs" miw={640}>
        <Table.Caption style={{ textAlign: 'left' }}>
          Chaque champ de Cohérence ← la colonne du fichier qui l’alimente. Le numéro de série ou le numéro d’inventaire est obligatoire : c’est ainsi qu’une ligne retrouve son
          équipement.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Champ</Table.Th>
            <Table.Th scope="col">Colonne du fichier</Table.Th>
            <Table.Th scope="col">Exemples de valeurs</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.fields.map((f) => {
            const samples = samplesOf(mapping[f.field]);
            return (
              <Table.Tr key={f.field}>
                <Table.Th scope="row" fw={500}>
                  <label htmlFor={`colonne-${f.field}`}>{f.label}</label>
                </Table.Th>
                <Table.Td>
                  <NativeSelect id={`colonne-${f.field}`} data={options} value={mapping[f.field] ?? notImported} onChange={(e) => set(f.field, e.currentTarget.value)} disabled={props.disabled} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {samples.length ? samples.join(' ; ') : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

/** The first lines of the file as read, so that the person recognises it. */
export function PreviewRowsTable({ preview }: { preview: AssetImportPreview }) {
  return (
    <ScrollRegion label="Premières lignes du fichier">
      <Table captionSide="top" striped verticalSpacing="xs" miw={640}>
        <Table.Caption style={{ textAlign: 'left' }}>Premières lignes du fichier ({preview.rows.length} sur {preview.totalRows})</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Ligne</Table.Th>
            {preview.columns.map((c, i) => (
              <Table.Th scope="col" key={`${c.header}-${i}`}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((r) => (
            <Table.Tr key={r.line}>
              <Table.Td>{r.line}</Table.Td>
              {preview.columns.map((c, i) => (
                <Table.Td key={`${c.header}-${i}`}>{r.cells[i] ?? ''}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
