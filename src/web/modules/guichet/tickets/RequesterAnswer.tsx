import { Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Section } from '../../../ui/Section';
import { ActionError } from './fields';
import { ratingLabels } from './labels';
import { useTicketAction } from './queries';
import type { TicketDetail } from './types';

/** The solution as the requester reads it; they accept it (the ticket closes) or refuse it (it reopens). */
export function SolutionSection({ ticket }: { ticket: TicketDetail }) {
  const action = useTicketAction(ticket.id);
  const [refusing, setRefusing] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  if (!ticket.solution && !ticket.permissions.approve) return null;

  const answer = async (decision: 'accept' | 'refuse') => {
    if (decision === 'refuse' && comment.trim().length < 3) return setError('Dites pourquoi la solution ne convient pas (3 caractères au moins).');
    setError(undefined);
    try {
      await action.mutateAsync({ path: 'approval', body: { version: ticket.version, decision, ...(decision === 'refuse' ? { comment: comment.trim() } : {}) } });
      notifications.show({ color: 'teal', message: decision === 'accept' ? 'Merci : le ticket est clos.' : 'Le ticket est rouvert, le guichet reprend la main.' });
      setRefusing(false);
      setComment('');
    } catch {
      // shown below
    }
  };

  return (
    <Section title="Solution" id="solution">
      <Stack gap="sm">
        <Text style={{ whiteSpace: 'pre-wrap' }}>{ticket.solution ?? 'Pas encore de solution.'}</Text>
        {ticket.permissions.approve && (
          <>
            <Text fw={600}>Cette solution règle-t-elle votre problème ?</Text>
            {refusing && (
              <Textarea
                label="Pourquoi la solution ne convient pas"
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={5000}
                error={error}
                autoFocus
              />
            )}
            <Group gap="sm">
              {!refusing && (
                <Button color="teal" onClick={() => void answer('accept')} loading={action.isPending}>
                  Accepter la solution
                </Button>
              )}
              {refusing ? (
                <>
                  <Button color="orange" onClick={() => void answer('refuse')} loading={action.isPending}>
                    Refuser et rouvrir
                  </Button>
                  <Button variant="subtle" onClick={() => setRefusing(false)}>
                    Annuler
                  </Button>
                </>
              ) : (
                <Button variant="default" onClick={() => setRefusing(true)}>
                  Refuser la solution
                </Button>
              )}
            </Group>
          </>
        )}
        <ActionError error={action.error} />
      </Stack>
    </Section>
  );
}

/** The satisfaction survey, once the ticket is solved; answering again replaces the previous answer. */
export function RatingSection({ ticket }: { ticket: TicketDetail }) {
  const action = useTicketAction(ticket.id);
  const [rating, setRating] = useState(ticket.satisfaction ? String(ticket.satisfaction.rating) : '');
  const [comment, setComment] = useState(ticket.satisfaction?.comment ?? '');
  const [error, setError] = useState<string>();
  if (!ticket.permissions.rate && !ticket.satisfaction) return null;

  const send = async () => {
    if (!rating) return setError('Choisissez une note de 1 à 5.');
    setError(undefined);
    try {
      await action.mutateAsync({ path: 'satisfaction', body: { rating: Number(rating), ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      notifications.show({ color: 'teal', message: 'Merci pour votre avis.' });
    } catch {
      // shown below
    }
  };

  return (
    <Section title="Votre satisfaction" id="satisfaction">
      <Stack gap="sm">
        {ticket.satisfaction && (
          <Text role="status">
            Note donnée : {ticket.satisfaction.rating} sur 5 ({ratingLabels[ticket.satisfaction.rating]}){ticket.satisfaction.comment ? ` — « ${ticket.satisfaction.comment} »` : ''}
          </Text>
        )}
        {ticket.permissions.rate && (
          <form
            aria-label="Donner votre avis"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <Stack gap="sm">
              <Radio.Group label="Note" description="1 : pas du tout satisfait … 5 : très satisfait" value={rating} onChange={setRating} error={error}>
                <Group mt={6} gap="md">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Radio key={n} value={String(n)} label={`${n} — ${ratingLabels[n]}`} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea label="Commentaire (facultatif)" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
              <Group justify="flex-end">
                <Button type="submit" loading={action.isPending}>
                  {ticket.satisfaction ? 'Modifier mon avis' : 'Envoyer mon avis'}
                </Button>
              </Group>
              <ActionError error={action.error} />
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}
