import { Badge, Button, Group, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../labels';
import { Section } from '../../../ui/Section';
import { ActionError } from './fields';
import { useAddToTicket } from './queries';
import type { TicketDetail } from './types';

/**
 * Follow-ups, oldest first. Private ones (desk only) are marked in words and by their frame; the
 * server never sends them to a requester.
 */
export function FollowupsSection({ ticket }: { ticket: TicketDetail }) {
  const add = useAddToTicket(ticket.id);
  const [body, setBody] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError('Écrivez le suivi avant de l’ajouter.');
      return;
    }
    setError(null);
    try {
      await add.mutateAsync({ path: 'followups', body: { body: body.trim(), isPrivate } });
      setBody('');
      setPrivate(false);
    } catch {
      // shown below
    }
  };

  return (
    <Section title={`Suivis (${ticket.followups.length})`} id="suivis">
      <Stack gap="sm">
        {ticket.followups.length === 0 && (
          <Text c="dimmed" size="sm">
            Aucun suivi pour l’instant.
          </Text>
        )}
        {ticket.followups.map((f) => (
          <Paper
            key={f.id}
            component="article"
            withBorder
            p="sm"
            radius="md"
            bg={f.isPrivate ? 'var(--mantine-color-yellow-0)' : undefined}
            style={f.isPrivate ? { borderLeft: '4px solid var(--mantine-color-yellow-7)' } : undefined}
            aria-label={`${f.isPrivate ? 'Suivi privé' : 'Suivi'} de ${f.authorLabel}`}
          >
            <Group justify="space-between" gap="xs" mb={4}>
              <Text size="sm" fw={600}>
                {f.authorLabel}
              </Text>
              <Group gap="xs">
                {f.isPrivate && (
                  <Badge color="yellow" variant="filled" radius="sm" leftSection={<IconLock size={12} aria-hidden />} styles={{ root: { color: 'var(--mantine-color-dark-9)' } }}>
                    Privé — guichet seulement
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  <time dateTime={f.at}>{formatDateTime(f.at)}</time>
                </Text>
              </Group>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {f.body}
            </Text>
          </Paper>
        ))}
        {ticket.permissions.comment && (
          <form onSubmit={(e) => void submit(e)} aria-label="Ajouter un suivi">
            <Stack gap="xs">
              <Textarea
                label="Nouveau suivi"
                description={isPrivate ? 'Privé : visible du guichet seulement, jamais du demandeur.' : 'Public : visible du demandeur et de l’établissement.'}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                autosize
                minRows={3}
                maxLength={20000}
                error={error ?? undefined}
              />
              <Group justify="space-between">
                {ticket.permissions.commentPrivate ? (
                  <Switch label="Suivi privé (guichet seulement)" checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} />
                ) : (
                  <span />
                )}
                <Button type="submit" loading={add.isPending}>
                  Ajouter le suivi
                </Button>
              </Group>
              <ActionError error={add.error} />
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}
