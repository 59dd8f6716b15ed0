import { Button, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { Section } from '../../ui/Section';
import type { Dossier } from './DossierPage';
import { parisWhen } from './labels';
import { useDossierMove } from './queries';

export function DossierMessages({ dossier }: { dossier: Dossier }) {
  const move = useDossierMove(dossier.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sendMessage = () => {
    if (!body.trim()) return setError('Le message est vide.');
    move.mutate(
      { version: dossier.version, move: { kind: 'message', body } },
      {
        onSuccess: () => {
          setBody('');
          setError(null);
          notifications.show({ color: 'teal', message: 'Message envoyé.' });
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  return (
    <Section title="Messages">
      <Stack gap="sm">
        {dossier.messages.length === 0 && <Text c="dimmed">Aucun message.</Text>}
        {dossier.messages.map((m) => (
          <Paper key={m.id} withBorder p="sm" radius="sm">
            <Text size="sm" c="dimmed">
              {m.authorLabel} ({m.side === 'applicant' ? 'demandeur' : 'instruction'}), {parisWhen(m.at)}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
          </Paper>
        ))}
        {dossier.permissions.message && (
          <>
            <Textarea label="Nouveau message" autosize minRows={3} value={body} error={error} onChange={(e) => setBody(e.currentTarget.value)} />
            <Button onClick={sendMessage} loading={move.isPending} style={{ alignSelf: 'flex-start' }}>
              Envoyer le message
            </Button>
          </>
        )}
      </Stack>
    </Section>
  );
}
