import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { apiHeaders, ApiError, errorFromBody, errorMessage, withQuery, type Query } from '../../api/client';
import { formatNumber } from '../../labels';

type Format = 'csv' | 'xlsx';

interface Progress {
  format: Format;
  total: number;
  /** CSV: lines received; XLSX (compressed): bytes received. */
  rows: number;
  bytes: number;
}

/**
 * Reads the export as it streams: the server announces its number of files (`x-export-rows`);
 * a CSV's progress counts the lines received, an XLSX (compressed) shows the bytes received.
 */
async function downloadWithProgress(path: string, query: Query, fallbackName: string, onProgress: (p: { rows: number; bytes: number; total: number }) => void) {
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, query), { credentials: 'same-origin', headers: apiHeaders() });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (!response.ok || !response.body) throw errorFromBody(response.status, await response.text());
  const total = Number(response.headers.get('x-export-rows') ?? 0);
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let rows = -1; // the header line
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    if (query.format === 'csv') for (const byte of value) if (byte === 10) rows++;
    onProgress({ rows: Math.min(Math.max(rows, 0), total), bytes, total });
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? undefined }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}

/** The campaign's files with every answer as a column, in CSV or XLSX, with the download's progress. */
export function DossierExportButtons({ campaignId, filters }: { campaignId: string; filters: Query }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const run = async (format: Format) => {
    setProgress({ format, total: 0, rows: 0, bytes: 0 });
    try {
      const name = await downloadWithProgress(`/campaigns/${campaignId}/dossiers/export`, { ...filters, format }, `dossiers.${format}`, (p) => setProgress({ format, ...p }));
      notifications.show({ color: 'teal', message: `Export téléchargé : ${name}` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export impossible', message: errorMessage(error) });
    } finally {
      setProgress(null);
    }
  };
  const busy = progress !== null;
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconFileTypeCsv size={18} aria-hidden />} loading={progress?.format === 'csv'} disabled={busy} onClick={() => void run('csv')}>
          Exporter CSV
        </Button>
        <Button variant="default" leftSection={<IconFileSpreadsheet size={18} aria-hidden />} loading={progress?.format === 'xlsx'} disabled={busy} onClick={() => void run('xlsx')}>
          Exporter XLSX
        </Button>
      </Group>
      {progress && <ExportProgress progress={progress} />}
    </Stack>
  );
}

function ExportProgress({ progress }: { progress: Progress }) {
  const csv = progress.format === 'csv';
  const percent = csv && progress.total ? Math.round((progress.rows / progress.total) * 100) : 0;
  const label = csv
    ? `Export : ${formatNumber(progress.rows)} dossiers sur ${formatNumber(progress.total)} (${percent} %)`
    : `Export de ${formatNumber(progress.total)} dossiers : ${formatNumber(Math.round(progress.bytes / 1024))} Ko reçus`;
  return (
    <Stack gap={4} maw={420}>
      <Text size="sm" role="status" aria-live="polite">
        {label}
      </Text>
      <Progress value={csv ? percent : 100} animated striped={!csv} aria-label="Progression de l’export" />
    </Stack>
  );
}
