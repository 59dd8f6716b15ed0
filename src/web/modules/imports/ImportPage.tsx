import { Alert, Grid, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { Guard } from '../../ui/Guard';
import { PageHeader } from '../../ui/PageHeader';
import { Section } from '../../ui/Section';
import { ImportForm } from './ImportForm';
import { ImportProgress } from './ImportProgress';
import { ImportReport } from './ImportReport';
import { useImportRun } from './queries';
import { RecentImports } from './RecentImports';
import { CompetenceSection } from './CompetenceSection';
import type { ImportOptions } from './types';
import { refusalTitles, uploadImport } from './upload';

export function ImportPage() {
  return (
    <Guard permission="establishment.import">
      <ImportScreen />
    </Guard>
  );
}

type Phase = { kind: 'idle' } | { kind: 'upload'; fraction: number } | { kind: 'run'; id: string } | { kind: 'error'; error: unknown };

function ImportScreen() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const client = useQueryClient();
  const abort = useRef<(() => void) | null>(null);
  const run = useImportRun(phase.kind === 'run' ? phase.id : null);
  const running = phase.kind === 'upload' || (phase.kind === 'run' && (!run.data || run.data.status === 'running'));
  const reportRef = useRef<HTMLDivElement>(null);

  useEffect(() => () => abort.current?.(), []);
  // When the run ends, refresh what it changed and bring the report into view.
  const finished = run.data && run.data.status !== 'running' ? run.data.id : null;
  useEffect(() => {
    if (!finished) return;
    void client.invalidateQueries({ queryKey: ['establishments'] });
    void client.invalidateQueries({ queryKey: ['imports'] });
    reportRef.current?.focus();
  }, [finished, client]);

  const last = useRef<{ file: File; options: ImportOptions } | null>(null);
  const start = async (file: File, options: ImportOptions) => {
    last.current = { file, options };
    setPhase({ kind: 'upload', fraction: 0 });
    const upload = uploadImport(file, options, (fraction) => setPhase({ kind: 'upload', fraction }));
    abort.current = upload.abort;
    try {
      const created = await upload.promise;
      setPhase({ kind: 'run', id: created.id });
    } catch (error) {
      setPhase({ kind: 'error', error });
    } finally {
      abort.current = null;
    }
  };

  const status = phase.kind === 'error' && phase.error instanceof ApiError ? phase.error.status : 0;
  const current = run.data;

  return (
    <>
      <PageHeader title="Import de l’annuaire" subtitle="Créez et mettez à jour les établissements de la collectivité à partir des fichiers nationaux." />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Section title="Nouveau fichier" id="nouvel-import">
            <ImportForm busy={running} onSubmit={(file, options) => void start(file, options)} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Section title="Avancement et rapport" id="rapport">
            <div ref={reportRef} tabIndex={-1}>
              <Stack gap="md">
                {phase.kind === 'idle' && <Alert color="gray" variant="light">Choisissez un fichier puis lancez l’import : son avancement puis son rapport ligne à ligne s’afficheront ici.</Alert>}
                {phase.kind === 'upload' && <ImportProgress phase="upload" fraction={phase.fraction} />}
                {phase.kind === 'error' && (
                  <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={refusalTitles[status] ?? 'Import impossible'} role="alert">
                    {errorMessage(phase.error)}
                  </Alert>
                )}
                {phase.kind === 'run' && run.error && <Alert color="red" role="alert" title="Suivi de l’import impossible">{errorMessage(run.error)}</Alert>}
                {phase.kind === 'run' && (!current || current.status === 'running') && !run.error && (
                  <ImportProgress phase="processing" fraction={current && current.total ? current.processed / current.total : 0} processed={current?.processed} total={current?.total} />
                )}
                {current && current.status !== 'running' && (
                  <ImportReport
                    run={current}
                    onApply={current.status === 'previewed' && last.current ? () => void start(last.current!.file, { ...last.current!.options, preview: false }) : undefined}
                  />
                )}
              </Stack>
            </div>
          </Section>
        </Grid.Col>
        <Grid.Col span={12}>
          <CompetenceSection />
        </Grid.Col>
        <Grid.Col span={12}>
          <RecentImports onOpen={(id) => setPhase({ kind: 'run', id })} />
        </Grid.Col>
      </Grid>
    </>
  );
}
