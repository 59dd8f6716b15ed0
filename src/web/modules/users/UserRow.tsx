import { ActionIcon, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage } from '../../api/client';
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
  const action = useMutation({
    mutationFn: async (c: { op: 'disable' } | { op: 'enable' } | { op: 'remove-role'; assignmentId: string }): Promise<void> => {
      const path = { id: user.id };
      if (c.op === 'disable') await call(apiClient.POST('/api/users/{id}/disable', { params: { path } }));
      else if (c.op === 'enable') await call(apiClient.POST('/api/users/{id}/enable', { params: { path } }));
      else await call(apiClient.DELETE('/api/users/{id}/roles/{assignmentId}', { params: { path: { ...path, assignmentId: c.assignmentId } } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
    onError: (error) => notifications.show({ color: 'red', title: 'Action impossible', message: errorMessage(error) }),
  });
  const toggle = () => {
    if (user.active && !window.confirm(`Désactiver le compte de ${user.displayName} ? Ses sessions seront closes.`)) return;
    action.mutate({ op: user.active ? 'disable' : 'enable' });
  };
  const removeRole = (a: Assignment) => {
    if (window.confirm(`Retirer le rôle « ${a.roleLabel} » à ${user.displayName} ?`)) action.mutate({ op: 'remove-role', assignmentId: a.id });
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
            <Button size="xs" variant="default" onClick={toggle} loading={action.isPending}>
              {user.active ? 'Désactiver' : 'Réactiver'}<span className="visually-hidden"> {user.displayName}</span>
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
