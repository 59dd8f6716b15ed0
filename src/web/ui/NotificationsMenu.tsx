import { ActionIcon, Anchor, Badge, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { apiClient, call, errorMessage } from '../api/client';
import type { ItemOf, ResponseOf } from '../api/types';
import { useMe } from '../session/session';

const when = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * The bell of the header: the number of unread notifications, the latest ones, a link to each
 * ticket (/guichet/<id>, which marks it read), and "mark as read". Polled every minute.
 */
export function NotificationsMenu() {
  const me = useMe();
  const client = useQueryClient();
  const router = useRouter();
  const [opened, setOpened] = useState(false);
  const key = ['notifications', me.activeTenant?.code ?? null];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call(apiClient.GET('/api/notifications', { params: { query: { pageSize: 20 } }, signal })),
    refetchInterval: 60_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: number) => call(apiClient.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: (error) => toasts.show({ color: 'red', title: 'Notification non marquée', message: errorMessage(error) }),
  });
  const markAll = useMutation({
    mutationFn: () => call(apiClient.POST('/api/notifications/read-all')),
    onSuccess: refresh,
    onError: (error) => toasts.show({ color: 'red', title: 'Notifications non marquées', message: errorMessage(error) }),
  });

  const unread = query.data?.unread ?? 0;
  const open = (n: ItemOf<ResponseOf<'/api/notifications'>['items']>) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpened(false);
    if (n.link) router.history.push(n.link);
  };

  return (
    <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={6}>
      <Popover position="bottom-end" width={380} shadow="md" opened={opened} onChange={setOpened} withinPortal trapFocus>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            radius="xl"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread ? `Notifications : ${unread} non lue${unread > 1 ? 's' : ''}` : 'Notifications'}
          >
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown role="dialog" aria-labelledby="titre-notifications" p="sm">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h5" id="titre-notifications">
              Notifications
            </Title>
            <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
              Tout marquer comme lu
            </Button>
          </Group>
          {query.isError && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(query.error)}
            </Text>
          )}
          {query.data && query.data.items.length === 0 && (
            <Text size="sm" c="dimmed">
              Aucune notification.
            </Text>
          )}
          <ScrollArea.Autosize mah={420} type="auto">
            <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {query.data?.items.map((n) => (
                <li key={n.id}>
                  <Group gap="xs" wrap="nowrap" align="flex-start" p={6} style={{ borderRadius: 'var(--mantine-radius-sm)', background: n.readAt ? undefined : 'var(--mantine-color-blue-light)' }}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Anchor
                        href={n.link ?? '#'}
                        size="sm"
                        fw={n.readAt ? 400 : 600}
                        onClick={(event) => {
                          event.preventDefault();
                          open(n);
                        }}
                      >
                        {n.subject}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {when(n.at)}
                        {!n.readAt && (
                          <Badge ml={6} size="xs" variant="light" component="span">
                            non lue
                          </Badge>
                        )}
                      </Text>
                    </div>
                    {!n.readAt && (
                      <Button size="compact-xs" variant="default" onClick={() => markRead.mutate(n.id)} aria-label={`Marquer comme lue : ${n.subject}`}>
                        Lue
                      </Button>
                    )}
                  </Group>
                </li>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          {query.data && query.data.total > query.data.items.length && (
            <Text size="xs" c="dimmed" mt="xs">
              {query.data.items.length} plus récentes sur {query.data.total}.
            </Text>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
