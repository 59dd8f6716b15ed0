import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage, type Query } from '../../api';
import { downloadFile } from '../../download';
import { assetFiltersOf, type AssetListSearch } from './list-search';

/** Downloads the filtered device list (every page, in the current order) as CSV or XLSX; the headers are those the import reads. */
export function AssetExportButtons({ search }: { search: AssetListSearch }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      const name = await downloadFile('/assets/export', { ...(assetFiltersOf(search) as Query), format }, `equipements.${format}`);
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
