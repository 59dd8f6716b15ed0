import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconUpload } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, getActiveTenant } from '../../../api/client';
import { formatNumber } from '../../../labels';
import { FilePicker } from '../../../ui/FilePicker';
import { Guard } from '../../../ui/Guard';
import { PageHeader } from '../../../ui/PageHeader';
import { Section } from '../../../ui/Section';
import { uploadWithProgress } from '../../../ui/upload';
import { ImportProgress } from '../../imports/ImportProgress';
import { plural } from '../labels';
import { AssetImportReportView } from './AssetImportReportView';
import { ColumnMappingTable, PreviewRowsTable } from './ColumnMappingTable';
import type { AssetImportMode, AssetImportPreview, AssetImportReport, ColumnMapping } from './types';

/** What the server refuses, with a title for each status; its French message gives the detail. */
const refusalTitles: Record<number, string> = {
  413: 'Fichier trop volumineux',
  415: 'Format de fichier non pris en charge',
  422: 'Fichier illisible',
  400: 'Fichier ou correspondance refusés',
};

export function AssetImportPage() {
  return (
    <Guard permission="asset.update">
      <AssetImport />
    </Guard>
  );
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; fraction: number }
  | { kind: 'preview'; preview: AssetImportPreview }
  | { kind: 'importing'; preview: AssetImportPreview; fraction: number }
  | { kind: 'done'; preview: AssetImportPreview; report: AssetImportReport };

interface AssetImportValues {
  file: File | null;
  mapping: ColumnMapping;
  mode: AssetImportMode;
}

const keyMessage = 'Associez une colonne au numéro de série ou au numéro d’inventaire : c’est ainsi que chaque ligne retrouve son équipement.';
const hasKey = (mapping: ColumnMapping) => Boolean(mapping.serial || mapping.inventoryNumber);

/** Three steps on one page: read the file (preview), check the column mapping, import and read the report. */
function AssetImport() {
  // the file, the mapping and the mode are the form; its rules are the route's (a file, a key column)
  const form = useForm<AssetImportValues>({
    initialValues: { file: null, mapping: {}, mode: 'all-or-nothing' },
    validate: {
      file: (file) => (file ? null : 'Choisissez un fichier CSV ou XLSX.'),
      mapping: (mapping) => (hasKey(mapping) ? null : keyMessage),
    },
  });
  const { file, mapping, mode } = form.values;
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<(() => void) | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const client = useQueryClient();
  useEffect(() => () => abort.current?.(), []);

  const read = async () => {
    if (form.validateField('file').hasError || !file) return;
    setError(null);
    setPhase({ kind: 'reading', fraction: 0 });
    const upload = uploadWithProgress<AssetImportPreview>('/api/assets/import/preview', {}, file, (fraction) => setPhase({ kind: 'reading', fraction }));
    abort.current = upload.abort;
    try {
      const preview = await upload.promise;
      form.setFieldValue('mapping', preview.suggestedMapping);
      setPhase({ kind: 'preview', preview });
    } catch (e) {
      setError(e);
      setPhase({ kind: 'idle' });
    } finally {
      abort.current = null;
    }
  };

  const run = async (preview: AssetImportPreview) => {
    if (form.validate().hasErrors || !file) return;
    setError(null);
    setPhase({ kind: 'importing', preview, fraction: 0 });
    const upload = uploadWithProgress<AssetImportReport>('/api/assets/import', { mapping: JSON.stringify(mapping), mode }, file, (fraction) =>
      setPhase({ kind: 'importing', preview, fraction }),
    );
    abort.current = upload.abort;
    try {
      const report = await upload.promise;
      setPhase({ kind: 'done', preview, report });
      if (report.status === 'applied') void client.invalidateQueries({ queryKey: ['parc', getActiveTenant()] });
    } catch (e) {
      setError(e);
      setPhase({ kind: 'preview', preview });
    } finally {
      abort.current = null;
    }
    resultRef.current?.focus();
  };

  const preview = phase.kind === 'preview' || phase.kind === 'importing' || phase.kind === 'done' ? phase.preview : null;
  const busy = phase.kind === 'reading' || phase.kind === 'importing';
  const keyMapped = hasKey(mapping);
  const status = error instanceof ApiError ? error.status : 0;

  return (
    <>
      <PageHeader
        title="Import d’équipements"
        crumbs={[{ label: 'Parc informatique', to: '/parc' }]}
        subtitle="Créez ou mettez à jour des équipements à partir d’un fichier CSV ou XLSX (bon de livraison, inventaire comptable, export d’un autre outil)."
      />
      <Stack gap="lg">
        <Section title="1. Fichier" id="fichier">
          <form onSubmit={(e) => { e.preventDefault(); void read(); }} noValidate aria-label="Lire un fichier d’équipements">
            <Stack gap="md">
              <FilePicker
                id="fichier-equipements"
                label="Fichier à importer"
                description="CSV (séparateur « ; » ou « , », UTF-8) ou XLSX, une ligne par équipement, avec une ligne d’en-têtes. Une ligne met à jour l’équipement que désigne son numéro de série ou d’inventaire, sinon en crée un."
                accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                file={file}
                error={(form.errors.file as string | undefined) ?? null}
                disabled={busy}
                onChange={(chosen) => {
                  form.setFieldValue('file', chosen);
                  setPhase({ kind: 'idle' });
                  setError(null);
                }}
              />
              <div>
                <Button type="submit" leftSection={<IconUpload size={18} aria-hidden />} loading={phase.kind === 'reading'} disabled={phase.kind === 'importing'}>
                  Lire le fichier
                </Button>
              </div>
              {phase.kind === 'reading' && <ImportProgress phase="upload" fraction={phase.fraction} />}
            </Stack>
          </form>
        </Section>

        {error !== null && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={refusalTitles[status] ?? 'Import impossible'} role="alert">
            {errorMessage(error)}
          </Alert>
        )}

        {preview && (
          <Section title="2. Correspondance des colonnes" id="correspondance">
            <Stack gap="md">
              <Text>
                Fichier {preview.format.toUpperCase()} : {formatNumber(preview.totalRows)} {plural(preview.totalRows, 'ligne')} {plural(preview.totalRows, 'lue', 'lues')},{' '}
                {formatNumber(preview.columns.length)} {plural(preview.columns.length, 'colonne')}. Vérifiez la colonne proposée pour chaque champ.
              </Text>
              <ColumnMappingTable preview={preview} mapping={mapping} onChange={(next) => form.setFieldValue('mapping', next)} disabled={busy} />
              <PreviewRowsTable preview={preview} />
              <Radio.Group label="Si des lignes sont invalides" {...form.getInputProps('mode')} name="mode">
                <Stack gap="sm" mt="xs">
                  <Radio value="all-or-nothing" label="Tout ou rien" description="Rien n’est enregistré tant qu’une ligne est invalide : le rapport les liste." disabled={busy} />
                  <Radio value="apply-valid" label="Appliquer les lignes valides" description="Les lignes valides sont enregistrées ; les autres sont écartées et listées dans le rapport." disabled={busy} />
                </Stack>
              </Radio.Group>
              {!keyMapped && (
                <Alert color="orange" variant="light">
                  {keyMessage}
                </Alert>
              )}
              <Group>
                <Button onClick={() => void run(preview)} loading={phase.kind === 'importing'} disabled={!keyMapped || phase.kind === 'reading'}>
                  Importer {formatNumber(preview.totalRows)} {plural(preview.totalRows, 'ligne')}
                </Button>
              </Group>
              {phase.kind === 'importing' && <ImportProgress phase="upload" fraction={phase.fraction} />}
            </Stack>
          </Section>
        )}

        <div ref={resultRef} tabIndex={-1}>
          {phase.kind === 'done' && (
            <Section title="3. Rapport d’import" id="rapport">
              <AssetImportReportView report={phase.report} />
            </Section>
          )}
        </div>
      </Stack>
    </>
  );
}
