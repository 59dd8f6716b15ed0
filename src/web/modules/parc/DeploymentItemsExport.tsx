import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { downloadFile } from '../../download';
import type { Deployment } from './types';

/** One delivery's devices (serial, step, dates) as CSV or XLSX; a menu, so that each card keeps one button. */
export function DeploymentItemsExport({ deployment: d }: { deployment: Deployment }) {
  const [busy, setBusy] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    try {
      const name = await downloadFile(`/deployments/${encodeURIComponent(d.id)}/export`, { format }, `livraison-${d.uai}.${format}`);
      notifications.show({ color: 'teal', message: `Export téléchargé : ${name}` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export impossible', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />} loading={busy}>
          Exporter<span className="visually-hidden"> les équipements de la livraison {d.label} de {d.establishmentName}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Numéros de série et étapes</Menu.Label>
        <Menu.Item onClick={() => void run('csv')}>CSV</Menu.Item>
        <Menu.Item onClick={() => void run('xlsx')}>XLSX</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
