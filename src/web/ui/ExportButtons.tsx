import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage, type Query } from '../api/client';
import { downloadFile } from '../download';

/** Downloads a filtered list (every page, in the current order) as CSV or XLSX from its export route. */
export function ExportButtons({ path, filters, basename }: { path: string; filters: Query; basename: string }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      const name = await downloadFile(path, { ...filters, format }, `${basename}.${format}`);
      notifications.show({ color: 'teal', message: `Export téléchargé : ${name}` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export impossible', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Button variant="default" leftSection={<IconFileTypeCsv size={18} aria-hidden />} loading={busy === 'csv'} disabled={busy !== null} onClick={() => void run('csv')}>
        Exporter CSV
      </Button>
      <Button variant="default" leftSection={<IconFileSpreadsheet size={18} aria-hidden />} loading={busy === 'xlsx'} disabled={busy !== null} onClick={() => void run('xlsx')}>
        Exporter XLSX
      </Button>
    </Group>
  );
}
