import { Button, Grid, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { fieldKindLabels, type FieldKind, type FormField } from '../../../../shared/campaign-form';
import { errorMessage } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { useCampaign, useForm as useFormVersions } from '../queries';
import { FieldEditor, kindOptions } from './FieldEditor';
import { FormPreview } from './FormPreview';
import { builderSchema, fromFields, newField, toForm, type BuilderValues } from './form-values';
import { useFormDraft, usePublishForm, useSaveForm } from './queries';

const routeApi = getRouteApi('/app/campagnes/$id/formulaire');

export function FormBuilderPage() {
  return (
    <Guard permission="campaign.manage">
      <Builder />
    </Guard>
  );
}

function Builder() {
  const { id } = routeApi.useParams();
  const campaign = useCampaign(id);
  const draft = useFormDraft(id);
  if (campaign.isPending || draft.isPending) return <Loading />;
  if (campaign.isError) return <QueryError error={campaign.error} retry={() => void campaign.refetch()} />;
  if (draft.isError) return <QueryError error={draft.error} retry={() => void draft.refetch()} />;
  return (
    <>
      <AnchorLink to="/campagnes/$id" params={{ id }} size="sm">
        ← {campaign.data.title}
      </AnchorLink>
      <PageHeader title="Formulaire de la campagne" subtitle={`Brouillon de la version ${draft.data.number} : les dossiers déjà commencés gardent leur version et leurs réponses.`} />
      <BuilderForm key={draft.data.id} campaignId={campaign.data.id} draft={draft.data} />
    </>
  );
}

interface Draft {
  number: number;
  version: number;
  fields: unknown[];
  annotationFields: unknown[];
}

function BuilderForm({ campaignId, draft }: { campaignId: string; draft: Draft }) {
  const [version, setVersion] = useState(draft.version);
  const [tab, setTab] = useState<string>('fields');
  const [kind, setKind] = useState<FieldKind>('text');
  const save = useSaveForm(campaignId);
  const publish = usePublishForm(campaignId);
  const versions = useFormVersions(campaignId);
  const form = useForm<BuilderValues>({
    initialValues: { fields: fromFields(draft.fields as FormField[]), annotationFields: fromFields(draft.annotationFields as FormField[]) },
    validate: schemaValidator<BuilderValues>(builderSchema, toForm),
    validateInputOnChange: false,
  });
  useEffect(() => setVersion(draft.version), [draft.version]);
  const list = tab === 'annotations' ? 'annotationFields' : 'fields';
  const items = form.values[list];
  const add = () => form.insertListItem(list, newField(kind, items.map((f) => f.key)));

  const saveDraft = async (): Promise<number | null> => {
    if (form.validate().hasErrors) {
      // the messages are on the fields: bring the first one to the keyboard and the eye
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return null;
    }
    try {
      const saved = await save.mutateAsync({ ...toForm(form.values), version });
      setVersion(saved.version);
      form.resetDirty();
      return saved.version;
    } catch (error) {
      if (!showServerIssues(form, error)) notifications.show({ color: 'red', title: 'Enregistrement refusé', message: errorMessage(error) });
      return null;
    }
  };
  const onSave = async () => {
    if ((await saveDraft()) !== null) notifications.show({ color: 'teal', message: 'Brouillon du formulaire enregistré.' });
  };
  const onPublish = async () => {
    const saved = await saveDraft();
    if (saved === null) return;
    try {
      const published = await publish.mutateAsync(saved);
      notifications.show({ color: 'teal', message: `Version ${published.number} publiée : les nouveaux dossiers la prennent.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Publication refusée', message: errorMessage(error) });
    }
  };
  const published = versions.data?.versions.filter((v) => v.publishedAt) ?? [];

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md">
          <SegmentedControl
            aria-label="Partie du formulaire à modifier"
            value={tab}
            onChange={setTab}
            data={[
              { value: 'fields', label: `Champs du demandeur (${form.values.fields.length})` },
              { value: 'annotations', label: `Annotations privées (${form.values.annotationFields.length})` },
            ]}
          />
          {tab === 'annotations' && <Text size="sm">Vues et remplies par les instructeurs seulement, jamais par le demandeur.</Text>}
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={tab === 'annotations' ? 'Annotations privées' : 'Champs du formulaire'}>
            {items.map((field, i) => (
              <FieldEditor key={`${list}-${i}`} form={form} path={`${list}.${i}`} field={field} index={i} count={items.length} earlier={items.slice(0, i)} />
            ))}
          </Stack>
          <Paper withBorder p="sm" radius="md">
            <Group align="flex-end">
              <Select label="Type du nouveau champ" data={kindOptions()} value={kind} onChange={(v) => setKind((v as FieldKind) ?? 'text')} allowDeselect={false} />
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={add}>
                Ajouter : {fieldKindLabels[kind]}
              </Button>
            </Group>
          </Paper>
          <Group>
            <Button variant="default" onClick={() => void onSave()} loading={save.isPending && !publish.isPending}>
              Enregistrer le brouillon
            </Button>
            <Button onClick={() => void onPublish()} loading={publish.isPending}>
              Publier la version {draft.number}
            </Button>
          </Group>
          {published.length > 0 && (
            <Text size="sm" c="dimmed">
              Versions publiées : {published.map((v) => `v${v.number} (${v.fields.length} champs)`).join(', ')}.
            </Text>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Paper withBorder p="md" radius="md" style={{ position: 'sticky', top: 16 }}>
          <Title order={2} size="h4" mb="sm">
            Aperçu pour le demandeur
          </Title>
          <FormPreview fields={toForm(form.values).fields} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
