import { Badge, Button, Group, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { addFollowupInput } from '../../../../modules/guichet/operations/ticket-actions.input';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { formatDateTime } from '../../../labels';
import { Section } from '../../../ui/Section';
import { ActionError } from './fields';
import { useAddToTicket } from './queries';
import type { TicketDetail } from './types';

interface FollowupValues {
  body: string;
  isPrivate: boolean;
}

/**
 * Follow-ups, oldest first. Private ones (desk only) are marked in words and by their frame; the
 * server never sends them to a requester.
 */
export function FollowupsSection({ ticket }: { ticket: TicketDetail }) {
  const add = useAddToTicket(ticket.id);
  const bodyOf = (v: FollowupValues) => ({ body: v.body.trim(), isPrivate: v.isPrivate });
  // the route's own schema: an empty follow-up is refused on its field
  const form = useForm<FollowupValues>({ initialValues: { body: '', isPrivate: false }, validate: schemaValidator(addFollowupInput, bodyOf) });
  const isPrivate = form.values.isPrivate;

  const submit = form.onSubmit(async (values) => {
    try {
      await add.mutateAsync({ path: 'followups', body: bodyOf(values) });
      form.reset();
    } catch (error) {
      // the message is shown below; the field it names is marked
      showServerIssues(form, error);
    }
  });

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
          <form onSubmit={submit} noValidate aria-label="Ajouter un suivi">
            <Stack gap="xs">
              <Textarea
                label="Nouveau suivi"
                description={isPrivate ? 'Privé : visible du guichet seulement, jamais du demandeur.' : 'Public : visible du demandeur et de l’établissement.'}
                {...form.getInputProps('body')}
                autosize
                minRows={3}
                maxLength={20000}
              />
              <Group justify="space-between">
                {ticket.permissions.commentPrivate ? (
                  <Switch label="Suivi privé (guichet seulement)" {...form.getInputProps('isPrivate', { type: 'checkbox' })} />
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
