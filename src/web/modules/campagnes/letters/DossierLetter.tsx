import { Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/client';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { decisionKindLabels, useEditLetter, useLetterPreview, type DecisionKind } from './queries';

/** Before the decision: the letter the file would receive, previewed per decision and editable for this file. */
export function DossierLetter({ dossier }: { dossier: { id: string; version: number; letterText: string | null } }) {
  const [decision, setDecision] = useState<DecisionKind>('accepte');
  const preview = useLetterPreview(dossier.id, decision);
  const edit = useEditLetter(dossier.id);
  const [text, setText] = useState(dossier.letterText ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { if (preview.data && !text) setText(preview.data.template ?? ''); }, [preview.data, text]);
  const run = (value: string | null) =>
    edit.mutate({ text: value, version: dossier.version }, { onSuccess: () => { setError(null); notifications.show({ color: 'teal', message: value === null ? 'Retour au modèle de la campagne.' : 'Lettre du dossier enregistrée.' }); if (value === null) setText(''); }, onError: (e) => setError(errorMessage(e)) });
  return (
    <Section title="Lettre de décision">
      <Stack gap="xs">
        <SegmentedControl aria-label="Décision prévisualisée" value={decision} onChange={(v) => setDecision(v as DecisionKind)} data={Object.entries(decisionKindLabels).map(([value, label]) => ({ value, label }))} />
        {preview.isError ? <QueryError error={preview.error} retry={() => void preview.refetch()} /> : (
          <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-live="polite" aria-label="Aperçu de la lettre">{preview.data?.text ?? '…'}</Text>
        )}
        <Textarea label="Lettre propre à ce dossier (champs de fusion permis, vide : le modèle de la campagne)" value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} error={error} />
        <Group>
          <Button variant="light" disabled={!text.trim()} loading={edit.isPending} onClick={() => run(text)}>Enregistrer la lettre du dossier</Button>
          {dossier.letterText !== null && <Button variant="default" onClick={() => run(null)}>Revenir au modèle</Button>}
        </Group>
      </Stack>
    </Section>
  );
}
