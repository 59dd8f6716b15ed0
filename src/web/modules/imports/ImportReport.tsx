import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { formatDateTime, formatNumber } from '../../labels';
import { IssueTable } from './IssueTable';
import { PreviewSamples } from './PreviewSamples';
import { formatLabels, modeLabels, type ImportRun, type RowIssue } from './types';
import { plural } from '../../../shared/french';

function csvOf(rows: (RowIssue & { kind: string })[]): string {
  const cell = (v: string | number) => (/[";\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return '\uFEFF' + ['Ligne;UAI;Statut;Motif', ...rows.map((r) => [r.line, r.uai, r.kind, r.reason].map(cell).join(';'))].join('\r\n') + '\r\n';
}

function downloadIssues(run: ImportRun) {
  const rows = [
    ...run.report!.rejected.map((r) => ({ ...r, kind: 'Rejetée' })),
    ...run.report!.skipped.map((r) => ({ ...r, kind: 'Écartée' })),
    ...run.report!.outOfScope.map((r) => ({ ...r, kind: run.report!.outOfScopeConfirmed ? 'Hors compétence (confirmée)' : 'Hors compétence' })),
  ];
  const url = URL.createObjectURL(new Blob([csvOf(rows.sort((a, b) => a.line - b.line))], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `rapport-import-${run.id.slice(0, 8)}.csv` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function outOfScopeSentence(run: ImportRun): string {
  const report = run.report;
  const n = report?.totals.outOfScope ?? 0;
  if (!report || n === 0) return '';
  const rows = plural(n, 'ligne hors compétence de la collectivité', 'lignes hors compétence de la collectivité');
  if (report.outOfScopeConfirmed) return ` ${rows} ${run.status === 'previewed' ? 'seront écrites (confirmées)' : 'écrites sur confirmation'}.`;
  return ` ${rows} ${run.status === 'previewed' ? 'seront écartées' : 'écartées'} : voir le détail ci-dessous.`;
}

function Verdict({ run, onApply }: { run: ImportRun; onApply?: () => void }) {
  const t = run.report?.totals;
  if (run.status === 'previewed')
    return (
      <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title="Aperçu : rien n’a encore été écrit" role="status">
        <Stack gap="xs">
          <Text size="sm">
            {t ? `Cet import créerait ${plural(t.created, 'établissement', 'établissements')}, en mettrait à jour ${formatNumber(t.updated)} et en laisserait ${formatNumber(t.unchanged)} inchangé${t.unchanged > 1 ? 's' : ''}.` : null}
            {outOfScopeSentence(run)}
            {t && t.rejected > 0 ? ` ${plural(t.rejected, 'ligne invalide', 'lignes invalides')}.` : ''}
          </Text>
          {onApply && (
            <div>
              <Button size="sm" onClick={onApply}>Appliquer cet import</Button>
            </div>
          )}
        </Stack>
      </Alert>
    );
  if (run.status === 'applied')
    return (
      <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title="Import terminé" role="status">
        {t ? `${plural(t.created, 'établissement créé', 'établissements créés')}, ${formatNumber(t.updated)} mis à jour, ${formatNumber(t.unchanged)} inchangé${t.unchanged > 1 ? 's' : ''}.` : null}
        {t && t.rejected > 0 ? ` ${plural(t.rejected, 'ligne invalide écartée', 'lignes invalides écartées')} : voir le détail ci-dessous.` : ''}
        {outOfScopeSentence(run)}
      </Alert>
    );
  if (run.status === 'refused' && !run.report)
    return (
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Fichier illisible : rien n’a été importé" role="alert">
        {run.error ?? 'Le fichier n’a pas pu être lu.'}
      </Alert>
    );
  if (run.status === 'refused')
    return (
      <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Import refusé : rien n’a été modifié" role="alert">
        {formatNumber(t?.rejected ?? 0)} ligne(s) invalide(s) en mode « tout ou rien ». Corrigez-les puis relancez l’import, ou choisissez « appliquer les lignes valides ».
      </Alert>
    );
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="L’import a échoué" role="alert">
      {run.error ?? 'Erreur pendant l’import. Aucune donnée déjà enregistrée n’a été perdue ; réessayez.'}
    </Alert>
  );
}

const totalCards: [keyof NonNullable<ImportRun['report']>['totals'], string, string][] = [
  ['rows', 'Lignes lues', 'gray'],
  ['created', 'Créés', 'teal'],
  ['updated', 'Mis à jour', 'coherence'],
  ['unchanged', 'Inchangés', 'gray'],
  ['rejected', 'Rejetés', 'red'],
  ['skipped', 'Écartés (non scolaires)', 'orange'],
  ['outOfScope', 'Hors compétence', 'grape'],
];

export function ImportReport({ run, onApply }: { run: ImportRun; onApply?: () => void }) {
  const report = run.report;
  return (
    <Stack gap="md">
      <Verdict run={run} onApply={onApply} />
      <Text size="sm" c="dimmed">
        {run.filename}
        {run.format ? ` — ${formatLabels[run.format] ?? run.format}` : ''} — {modeLabels[run.mode] ?? run.mode} — par {run.createdBy}, le {formatDateTime(run.createdAt)}
      </Text>
      {report && (
        <>
          <Title order={3} size="h5">Bilan</Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" component="dl" m={0}>
            {totalCards.map(([key, label, color]) => (
              <Paper key={key} withBorder p="sm" radius="md" style={{ borderLeft: `4px solid var(--mantine-color-${color}-7)` }}>
                <Text component="dt" size="sm" c="dimmed">{label}</Text>
                <Text component="dd" m={0} fw={700} size="xl">{formatNumber(report.totals[key])}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          {report.samples && <PreviewSamples samples={report.samples} />}
          {report.rejected.length + report.skipped.length + report.outOfScope.length > 0 ? (
            <>
              <Group justify="space-between">
                <Title order={3} size="h5">Détail ligne par ligne</Title>
                <Button variant="default" size="xs" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => downloadIssues(run)}>
                  Télécharger le détail (CSV)
                </Button>
              </Group>
              {report.rejected.length > 0 && <IssueTable caption="Lignes rejetées (invalides)" issues={report.rejected} />}
              {report.outOfScope.length > 0 && (
                <IssueTable
                  caption={report.outOfScopeConfirmed ? 'Lignes hors compétence de la collectivité (confirmées)' : 'Lignes hors compétence de la collectivité (écartées)'}
                  issues={report.outOfScope}
                />
              )}
              {report.skipped.length > 0 && <IssueTable caption="Lignes écartées (hors périmètre de l’import)" issues={report.skipped} />}
            </>
          ) : (
            <Alert color="gray" icon={<IconInfoCircle aria-hidden />}>Aucune ligne rejetée, écartée ni hors compétence.</Alert>
          )}
        </>
      )}
    </Stack>
  );
}
