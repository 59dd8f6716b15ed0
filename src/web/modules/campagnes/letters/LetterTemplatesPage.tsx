import { Button, Code, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { decisionKindLabels, useLetterTemplates, useSaveTemplate, type DecisionKind } from './queries';

const routeApi = getRouteApi('/app/campagnes/$id/lettres');

/** The campaign's decision letter templates, one per decision, with the merge fields they may use. */
export function LetterTemplatesPage() {
  return (
    <Guard permission="dossier.read">
      <Templates />
    </Guard>
  );
}

function Templates() {
  const { id } = routeApi.useParams();
  const templates = useLetterTemplates(id);
  if (templates.isPending) return <Loading />;
  if (templates.isError) return <QueryError error={templates.error} retry={() => void templates.refetch()} />;
  return (
    <>
      <AnchorLink to="/campagnes/$id" params={{ id }} size="sm">← La campagne</AnchorLink>
      <PageHeader title="Modèles de lettres de décision" subtitle="Un modèle par décision ; chaque dossier peut recevoir une lettre modifiée avant l’envoi." />
      <Text size="sm" mb="md">
        Champs de fusion : {templates.data.mergeFields.map((f) => <Code key={f} mr={4}>{`{{${f}}}`}</Code>)}
      </Text>
      <Stack gap="lg">
        {templates.data.items.map((t) => <TemplateEditor key={`${t.decision}-${t.version}`} campaignId={id} template={t as { decision: DecisionKind; body: string; custom: boolean; version: number }} />)}
      </Stack>
    </>
  );
}

function TemplateEditor({ campaignId, template }: { campaignId: string; template: { decision: DecisionKind; body: string; custom: boolean; version: number } }) {
  const save = useSaveTemplate(campaignId);
  const [body, setBody] = useState(template.body);
  const [error, setError] = useState<string | null>(null);
  const submit = () =>
    save.mutate(
      { decision: template.decision, body, version: template.version },
      { onSuccess: () => { setError(null); notifications.show({ color: 'teal', message: 'Modèle enregistré.' }); }, onError: (e) => setError(errorMessage(e)) },
    );
  return (
    <Section title={`${decisionKindLabels[template.decision]}${template.custom ? '' : ' (modèle par défaut)'}`}>
      <Textarea label={`Modèle « ${decisionKindLabels[template.decision]} »`} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={6} error={error} />
      <Group mt="xs"><Button onClick={submit} loading={save.isPending}>Enregistrer</Button></Group>
    </Section>
  );
}
