import { ActionIcon, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { useUnits } from '../units/queries';
import { GrantRoleForm } from './UserForms';
import type { Assignment, User } from './types';

function scopeText(a: Assignment, unitName: (id: string) => string) {
  const parts = [a.organizationName];
  if (a.staffFunctionLabel) parts.push(a.staffFunctionLabel);
  if (a.unitIds.length) parts.push(a.unitIds.map(unitName).join(', '));
  if (a.level !== null) parts.push(`niveau ${a.level}`);
  return parts.join(' · ');
}

export function UserRow({ user }: { user: User }) {
  const client = useQueryClient();
  const units = useUnits();
  const [granting, setGranting] = useState(false);
  const unitName = (id: string) => units.data?.items.find((u) => u.id === id)?.name ?? 'unité';
  const call = useMutation({
    mutationFn: (c: { path: string; method: 'POST' | 'DELETE' }) => api(c.path, { method: c.method }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
    onError: (error) => notifications.show({ color: 'red', title: 'Action impossible', message: errorMessage(error) }),
  });
  const toggle = () => {
    const verb = user.active ? 'disable' : 'enable';
    if (user.active && !window.confirm(`Désactiver le compte de ${user.displayName} ? Ses sessions seront closes.`)) return;
    call.mutate({ path: `/users/${user.id}/${verb}`, method: 'POST' });
  };
  const removeRole = (a: Assignment) => {
    if (window.confirm(`Retirer le rôle « ${a.roleLabel} » à ${user.displayName} ?`)) call.mutate({ path: `/users/${user.id}/roles/${a.id}`, method: 'DELETE' });
  };

  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{user.displayName}</Text>
        <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>{user.email}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          {user.roles.map((a) => (
            <Group key={a.id} gap={6} wrap="nowrap" align="flex-start">
              <div>
                <Text size="sm" fw={600}>{a.roleLabel}</Text>
                <Text size="xs" c="dimmed">{scopeText(a, unitName)}</Text>
              </div>
              {user.permissions.manage && (
                <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Retirer le rôle ${a.roleLabel} à ${user.displayName}`} onClick={() => removeRole(a)}>
                  <IconX size={14} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
          {granting && <GrantRoleForm user={user} onDone={() => setGranting(false)} />}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{[user.hasPassword && 'Mot de passe', user.identityLinked && 'Identité numérique'].filter(Boolean).join(', ') || 'Aucune'}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={user.active ? 'teal' : 'gray'} variant="light" radius="sm">{user.active ? 'Actif' : 'Désactivé'}</Badge>
      </Table.Td>
      <Table.Td>
        {user.permissions.manage && (
          <Group gap={6} wrap="nowrap">
            {!granting && (
              <Button size="xs" variant="light" onClick={() => setGranting(true)}>
                Ajouter un rôle<span className="visually-hidden"> à {user.displayName}</span>
              </Button>
            )}
            <Button size="xs" variant="default" onClick={toggle} loading={call.isPending}>
              {user.active ? 'Désactiver' : 'Réactiver'}<span className="visually-hidden"> {user.displayName}</span>
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
