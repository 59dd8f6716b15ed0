import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage, isApiError } from '../../api/client';
import { uploadWithProgress } from '../../ui/upload';
import { Section } from '../../ui/Section';
import { fieldVisible, validateAnswers, type Answers, type FormField } from '../../../shared/campaign-form';
import type { Dossier } from './DossierPage';
import { AnswerField, type DocumentAnswer } from './form-builder/FormPreview';
import { campagnesKey, useForm } from './queries';

type Mode = 'answers' | 'annotations';

/** Sends what changed; the server answers with the whole file (its new version). */
function useSaveForm(dossier: Dossier, mode: Mode) {
  const client = useQueryClient();
  const path = { params: { path: { id: dossier.id } } };
  return useMutation({
    mutationFn: ({ answers, submit }: { answers: Answers; submit: boolean }) =>
      mode === 'annotations'
        ? call(apiClient.PUT('/api/dossiers/{id}/annotations', { ...path, body: { answers, version: dossier.version } }))
        : submit
          ? call(apiClient.POST('/api/dossiers/{id}/submission', { ...path, body: { answers, version: dossier.version } }))
          : call(apiClient.PUT('/api/dossiers/{id}/answers', { ...path, body: { answers, version: dossier.version } })),
    onSuccess: (saved) => client.setQueryData(campagnesKey('dossier', dossier.id), saved),
  });
}

/**
 * The applicant's answers on the form version the file was started on (conditions show and hide
 * fields as they answer, documents go to the server as they are chosen), saved as a draft or
 * submitted; or the instructors' private annotations. The server's validator is the same one:
 * its messages land on the same fields.
 */
export function DossierForm({ dossier, mode }: { dossier: Dossier; mode: Mode }) {
  const form = useForm(dossier.campaignId);
  const version = form.data?.versions.find((v) => v.id === dossier.formVersionId);
  const fields = ((mode === 'annotations' ? version?.annotationFields : version?.fields) ?? []) as FormField[];
  const [answers, setAnswers] = useState<Answers>(() => ({ ...((mode === 'annotations' ? dossier.annotations : dossier.answers) ?? {}) }));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const save = useSaveForm(dossier, mode);
  if (form.isPending || fields.length === 0) return null;
  const upload = (field: FormField, file: File) =>
    uploadWithProgress<{ id: string; filename: string }>(`/api/dossiers/${dossier.id}/documents`, { purpose: 'answer', fieldKey: field.key }, file, () => undefined).promise.then(
      (doc): DocumentAnswer => ({ documentId: doc.id, filename: doc.filename }),
    );
  const send = (submit: boolean) => {
    const found = validateAnswers(fields, answers, { complete: submit });
    setIssues(Object.fromEntries(found.map((i) => [i.path, i.message])));
    if (found.length) return setFailure(found.length === 1 ? found[0]!.message : `${found.length} réponses sont à corriger.`);
    save.mutate(
      { answers, submit },
      {
        onSuccess: () => {
          setFailure(null);
          notifications.show({ color: 'teal', message: submit ? 'Dossier déposé.' : mode === 'annotations' ? 'Annotations enregistrées.' : 'Brouillon enregistré.' });
        },
        onError: (e) => {
          if (isApiError(e)) setIssues(Object.fromEntries(e.issues.map((i) => [i.path, i.message])));
          setFailure(errorMessage(e));
        },
      },
    );
  };
  const visible = fields.filter((f) => fieldVisible(f, answers));
  const title = mode === 'annotations' ? 'Annotations privées' : 'Votre dossier';
  return (
    <Section title={title}>
      <Stack gap="sm" role="group" aria-label={title}>
        {mode === 'annotations' ? <Text size="sm" c="dimmed">Vues et remplies par les instructeurs seulement.</Text> : null}
        {visible.map((f) => (
          <AnswerField key={f.key} field={f} value={answers[f.key]} onChange={(v) => setAnswers((a) => ({ ...a, [f.key]: v }))} error={issues[f.key]} issues={issues} prefix={`${mode}-${f.key}`} upload={mode === 'answers' ? upload : undefined} />
        ))}
        {failure ? (
          <Alert color={isApiError(save.error, 409) ? 'orange' : 'red'} role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group>
          <Button variant={mode === 'answers' && dossier.permissions.submit ? 'light' : 'filled'} onClick={() => send(false)} loading={save.isPending && !save.variables?.submit}>
            {mode === 'annotations' ? 'Enregistrer les annotations' : 'Enregistrer le brouillon'}
          </Button>
          {mode === 'answers' && dossier.permissions.submit ? (
            <Button onClick={() => send(true)} loading={save.isPending && save.variables?.submit}>
              {dossier.state === 'brouillon' ? 'Déposer le dossier' : 'Redéposer le dossier'}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Section>
  );
}
