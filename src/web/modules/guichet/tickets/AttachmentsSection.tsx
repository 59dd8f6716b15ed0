import { Badge, Button, FileInput, Group, List, Progress, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconLock, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { downloadFile } from '../../../download';
import { formatDateTime } from '../../../labels';
import { Section } from '../../../ui/Section';
import { ActionError } from './fields';
import { formatBytes } from './labels';
import { useRefreshGuichet } from './queries';
import type { TicketDetail } from './types';
import { acceptAttribute, attachmentProblem, attachmentRules, uploadAttachment } from './upload';

/** Attachments: download (always as a file, never shown inline) and upload with a progress bar. */
export function AttachmentsSection({ ticket }: { ticket: TicketDetail }) {
  const refresh = useRefreshGuichet();
  const [file, setFile] = useState<File | null>(null);
  const [isPrivate, setPrivate] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const pick = (picked: File | null) => {
    setError(null);
    const found = picked ? attachmentProblem(picked) : null;
    setProblem(found);
    setFile(found ? null : picked);
  };

  const send = async () => {
    if (!file) return setProblem('Choisissez un fichier.');
    setError(null);
    setProgress(0);
    try {
      await uploadAttachment(ticket.id, file, isPrivate, setProgress);
      notifications.show({ color: 'teal', message: `Pièce jointe ajoutée : ${file.name}` });
      setFile(null);
      setPrivate(false);
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  const download = async (id: string, filename: string) => {
    try {
      await downloadFile(`/tickets/${encodeURIComponent(ticket.id)}/attachments/${encodeURIComponent(id)}`, {}, filename);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Téléchargement impossible', message: errorMessage(e) });
    }
  };

  return (
    <Section title={`Pièces jointes (${ticket.attachments.length})`} id="pieces-jointes">
      <Stack gap="sm">
        {ticket.attachments.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucune pièce jointe.
          </Text>
        ) : (
          <List spacing="xs" listStyleType="none" ml={0} pl={0}>
            {ticket.attachments.map((a) => (
              <List.Item key={a.id}>
                <Group gap="xs" wrap="wrap">
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconDownload size={16} aria-hidden />}
                    onClick={() => void download(a.id, a.filename)}
                    aria-label={`Télécharger ${a.filename}`}
                  >
                    {a.filename}
                  </Button>
                  <Text size="xs" c="dimmed">
                    {formatBytes(a.sizeBytes)} — {a.authorLabel}, {formatDateTime(a.at)}
                  </Text>
                  {a.isPrivate && (
                    <Badge color="yellow" variant="light" radius="sm" leftSection={<IconLock size={12} aria-hidden />}>
                      Privée
                    </Badge>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {ticket.permissions.comment && (
          <Stack gap="xs">
            <FileInput
              label="Joindre un fichier"
              description={attachmentRules}
              placeholder="Choisir un fichier"
              leftSection={<IconPaperclip size={18} aria-hidden />}
              accept={acceptAttribute}
              value={file}
              onChange={pick}
              clearable
              clearButtonProps={{ 'aria-label': 'Retirer le fichier' }}
              error={problem ?? undefined}
            />
            <Group justify="space-between">
              {ticket.permissions.commentPrivate ? (
                <Switch label="Pièce jointe privée (guichet seulement)" checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} />
              ) : (
                <span />
              )}
              <Button leftSection={<IconUpload size={18} aria-hidden />} onClick={() => void send()} loading={progress !== null} disabled={!file}>
                Envoyer
              </Button>
            </Group>
            {progress !== null && <Progress value={progress * 100} aria-label={`Envoi du fichier : ${Math.round(progress * 100)} %`} />}
            <ActionError error={error} />
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
