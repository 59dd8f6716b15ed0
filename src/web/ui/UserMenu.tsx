import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconLogout2, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { apiClient, call, errorMessage, setActiveTenant } from '../api/client';
import { activeTenantOf, useMe } from '../session/session';

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

export function UserMenu() {
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const roles = activeTenantOf(me)?.roleLabels.join(', ') ?? '';

  const signOut = async (everywhere: boolean) => {
    try {
      const result = everywhere ? await call(apiClient.POST('/api/auth/logout-everywhere')) : (await call(apiClient.POST('/api/auth/logout')), null);
      setActiveTenant(null);
      client.clear();
      await navigate({ to: '/connexion', search: { deconnecte: everywhere ? `tout:${result?.ended ?? 0}` : 'oui' } });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Déconnexion impossible', message: errorMessage(error) });
    }
  };

  return (
    <Menu position="bottom-end" width={280} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Compte de ${me.user.displayName}`} p={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="coherence" radius="xl" size={36} aria-hidden>
              {initials(me.user.displayName)}
            </Avatar>
            <div style={{ lineHeight: 1.2 }}>
              <Text size="sm" fw={600} visibleFrom="sm">
                {me.user.displayName}
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {roles}
              </Text>
            </div>
            <IconChevronDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={18} aria-hidden />} onClick={() => void navigate({ to: '/compte' })}>
          Mon compte et mot de passe
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={18} aria-hidden />} onClick={() => void signOut(false)}>
          Se déconnecter
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout2 size={18} aria-hidden />} onClick={() => void signOut(true)}>
          Se déconnecter de tous les appareils
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
