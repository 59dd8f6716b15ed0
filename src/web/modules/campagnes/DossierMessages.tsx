import { Anchor, Button, FileInput, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage } from '../../api/client';
import { Section } from '../../ui/Section';
import { uploadWithProgress } from '../../ui/upload';
import type { Dossier } from './DossierPage';
import { parisWhen } from './labels';
import { campagnesKey } from './queries';

/**
 * Messages between the applicant and the instructors, with their attachments (each checked by
 * content on the server before the message goes); the other side is told in the application and
 * by mail. The instructors' private notes follow, never shown to the applicant.
 */
export function DossierMessages({ dossier }: { dossier: Dossier }) {
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: async () => {
      const uploaded = [];
      for (const file of files) uploaded.push(await uploadWithProgress<{ id: string }>(`/api/dossiers/${dossier.id}/documents`, { purpose: 'message' }, file, () => undefined).promise);
      return call(apiClient.POST('/api/dossiers/{id}/messages', { params: { path: { id: dossier.id } }, body: { body, documentIds: uploaded.map((d) => d.id) } }));
    },
    onSuccess: (saved) => {
      client.setQueryData(campagnesKey('dossier', dossier.id), saved);
      setBody('');
      setFiles([]);
      setError(null);
      notifications.show({ color: 'teal', message: 'Message envoyé.' });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <>
      <Section title="Messages">
        <Stack gap="sm">
          {dossier.messages.length === 0 && <Text c="dimmed">Aucun message.</Text>}
          {dossier.messages.map((m) => (
            <Paper key={m.id} withBorder p="sm" radius="sm">
              <Text size="sm" c="dimmed">
                {m.authorLabel} ({m.side === 'applicant' ? 'demandeur' : 'instruction'}), {parisWhen(m.at)}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
              {m.attachments.length ? (
                <Group gap="sm" mt={4}>
                  {m.attachments.map((a) => (
                    <Anchor key={a.id} size="sm" href={`/api/dossiers/${dossier.id}/documents/${a.id}`}>
                      {a.filename}
                    </Anchor>
                  ))}
                </Group>
              ) : null}
            </Paper>
          ))}
          {dossier.permissions.message && (
            <>
              <Textarea label="Nouveau message" autosize minRows={3} value={body} error={error} onChange={(e) => setBody(e.currentTarget.value)} />
              <FileInput label="Pièces jointes" description="PDF, JPEG, PNG, ODT, DOCX ou XLSX, 20 Mo au plus chacune" placeholder="Joindre des fichiers" multiple clearable value={files} onChange={setFiles} />
              <Button onClick={() => (body.trim() ? send.mutate() : setError('Le message est vide.'))} loading={send.isPending} style={{ alignSelf: 'flex-start' }}>
                Envoyer le message
              </Button>
            </>
          )}
        </Stack>
      </Section>
      {dossier.notes !== null && <DossierNotes dossier={dossier} />}
    </>
  );
}

function DossierNotes({ dossier }: { dossier: Dossier }) {
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => call(apiClient.POST('/api/dossiers/{id}/notes', { params: { path: { id: dossier.id } }, body: { body } })),
    onSuccess: (saved) => {
      client.setQueryData(campagnesKey('dossier', dossier.id), saved);
      setBody('');
    },
  });
  return (
    <Section title="Notes privées de l’instruction">
      <Stack gap="sm">
        {(dossier.notes ?? []).length === 0 && <Text c="dimmed">Aucune note.</Text>}
        {(dossier.notes ?? []).map((n) => (
          <Paper key={n.id} withBorder p="sm" radius="sm">
            <Text size="sm" c="dimmed">
              {n.authorLabel}, {parisWhen(n.at)}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
          </Paper>
        ))}
        {dossier.access.instructor && (
          <>
            <Textarea label="Nouvelle note" description="Jamais montrée au demandeur." autosize minRows={2} value={body} error={add.error ? errorMessage(add.error) : undefined} onChange={(e) => setBody(e.currentTarget.value)} />
            <Button variant="light" onClick={() => add.mutate()} loading={add.isPending} disabled={!body.trim()} style={{ alignSelf: 'flex-start' }}>
              Ajouter la note
            </Button>
          </>
        )}
      </Stack>
    </Section>
  );
}
