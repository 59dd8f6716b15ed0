import { NativeSelect } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingBank } from '@tabler/icons-react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useMe, useSwitchTenant } from '../session/session';

/** Shown only to people holding roles in several organizations (e.g. an académie working with three authorities). */
export function TenantSwitcher() {
  const me = useMe();
  const switchTenant = useSwitchTenant();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [busy, setBusy] = useState(false);
  if (me.tenants.length < 2) return null;

  const onChange = async (code: string) => {
    setBusy(true);
    try {
      await switchTenant(code);
      const tenant = me.tenants.find((t) => t.code === code);
      notifications.show({ color: 'coherence', message: `Collectivité active : ${tenant?.name ?? code}` });
      if (pathname.startsWith('/etablissements/')) await navigate({ to: '/etablissements' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Changement impossible', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <NativeSelect
      aria-label="Collectivité active"
      leftSection={<IconBuildingBank size={18} aria-hidden />}
      value={me.activeTenant?.code ?? ''}
      onChange={(event) => void onChange(event.currentTarget.value)}
      disabled={busy}
      data={me.tenants.map((t) => ({ value: t.code, label: t.name }))}
      w={{ base: 170, sm: 260 }}
    />
  );
}
