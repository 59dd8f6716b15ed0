import { Button, FileInput, Grid, Group, List, MultiSelect, Paper, Progress, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { createTicketInput } from '../../../../modules/guichet/operations/create-ticket.input';
import { errorMessage } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { useMe } from '../../../session/session';
import { Guard } from '../../../ui/Guard';
import { PageHeader } from '../../../ui/PageHeader';
import { establishmentQuery } from '../../establishments/queries';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { ActionError, CategorySelect, ImpactSelect, TypeRadio, UrgencySelect } from './fields';
import { formatBytes } from './labels';
import { useCategories, useCreateTicket, useOwnSchool, useSchoolDevices, useRefreshGuichet } from './queries';
import type { AssetSummary } from '../../parc/types';

import { acceptAttribute, attachmentProblem, attachmentRules, uploadAttachment } from './upload';

type DeviceOption = Pick<AssetSummary, 'id' | 'name' | 'serial' | 'inventoryNumber' | 'class' | 'manufacturer' | 'model'>;

interface TicketValues {
  uai: string | null;
  roomId: string | null;
  assetIds: string[];
  type: 'incident' | 'request';
  category: string;
  urgency: number;
  impact: number;
  title: string;
  description: string;
}

/** The body POST /api/tickets takes; the form validates it with that operation's own schema. */
const ticketBody = (v: TicketValues) => ({
  uai: v.uai ?? '',
  title: v.title.trim(),
  description: v.description.trim(),
  type: v.type,
  urgency: v.urgency,
  impact: v.impact,
  category: v.category || null,
  roomId: v.roomId,
  assetIds: v.assetIds,
});

export function NewTicketPage() {
  return (
    <Guard permission="ticket.create">
      <NewTicketForm />
    </Guard>
  );
}

const deviceLabel = (d: DeviceOption) =>
  [d.name ?? d.serial ?? d.inventoryNumber ?? 'Équipement sans nom', [d.manufacturer, d.model].filter(Boolean).join(' '), d.serial && `S/N ${d.serial}`].filter(Boolean).join(' · ');

/** School staff report an incident or ask for something: the school, the room and the devices concerned. */
function NewTicketForm() {
  const me = useMe();
  const navigate = useNavigate();
  const refresh = useRefreshGuichet();
  const schoolStaff = me.assignments.some((a) => a.establishmentId !== null);
  const ownSchool = useOwnSchool(schoolStaff);
  const categories = useCategories();
  const create = useCreateTicket();

  const form = useForm<TicketValues>({
    initialValues: { uai: null, roomId: null, assetIds: [], type: 'incident', category: '', urgency: 3, impact: 3, title: '', description: '' },
    validate: schemaValidator(createTicketInput, ticketBody),
  });
  const { uai, assetIds } = form.values;
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState('');
  const [uploading, setUploading] = useState<{ name: string; fraction: number } | null>(null);

  // their own school first, when they have one
  useEffect(() => {
    if (uai === null && ownSchool.data) form.setFieldValue('uai', ownSchool.data.uai);
  }, [ownSchool.data, uai]);

  const school = useQuery({ ...establishmentQuery(uai ?? ''), enabled: Boolean(uai) });
  const rooms = useMemo(() => {
    const buildings = new Map((school.data?.buildings ?? []).map((b) => [b.id, b.name]));
    return (school.data?.rooms ?? []).map((r) => ({ value: r.id, label: `${r.name}${buildings.get(r.buildingId) ? ` — ${buildings.get(r.buildingId)}` : ''}${r.floor ? `, ${r.floor}` : ''}` }));
  }, [school.data]);

  const [deviceSearch, setDeviceSearch] = useState('');
  const [debouncedDeviceSearch] = useDebouncedValue(deviceSearch, 250);
  const devices = useSchoolDevices(uai, debouncedDeviceSearch);
  const [knownDevices, setKnownDevices] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!devices.data) return;
    setKnownDevices((prev) => {
      const next = new Map(prev);
      for (const d of devices.data.items) next.set(d.id, deviceLabel(d));
      return next;
    });
  }, [devices.data]);
  const deviceOptions = useMemo(() => {
    const shown = new Map((devices.data?.items ?? []).map((d) => [d.id, deviceLabel(d)]));
    for (const id of assetIds) if (!shown.has(id)) shown.set(id, knownDevices.get(id) ?? id);
    return [...shown].map(([value, label]) => ({ value, label }));
  }, [devices.data, assetIds, knownDevices]);

  const changeSchool = (next: string | null) => form.setValues({ uai: next, roomId: null, assetIds: [] });

  const pickFiles = (picked: File[]) => {
    const problems = picked.map(attachmentProblem).filter((p): p is string => p !== null);
    setFileProblems(problems.join(' '));
    setFiles(picked.filter((f) => attachmentProblem(f) === null));
  };

  const submit = form.onSubmit(async (values) => {
    let created;
    try {
      created = await create.mutateAsync(ticketBody(values));
    } catch (error) {
      showServerIssues(form, error); // the message itself is shown by ActionError
      return;
    }
    const failed: string[] = [];
    for (const file of files) {
      setUploading({ name: file.name, fraction: 0 });
      try {
        await uploadAttachment(created.id, file, false, (fraction) => setUploading({ name: file.name, fraction }));
      } catch (error) {
        failed.push(`${file.name} : ${errorMessage(error)}`);
      }
    }
    setUploading(null);
    if (files.length) await refresh();
    notifications.show({
      color: 'teal',
      title: `Ticket n° ${created.number} enregistré`,
      message: `Priorité ${created.priorityLabel.toLowerCase()}, confié à ${created.assignedTeam?.name ?? 'l’équipe de tri'}.`,
    });
    if (failed.length) notifications.show({ color: 'red', title: 'Pièces jointes refusées', message: failed.join(' '), autoClose: false });
    await navigate({ to: '/guichet/$ticketId', params: { ticketId: created.id } });
  });

  const busy = create.isPending || uploading !== null;

  return (
    <>
      <PageHeader
        title="Signaler un incident ou faire une demande"
        subtitle="Le guichet unique oriente votre ticket vers la bonne équipe et vous tient informé de son avancement."
        crumbs={[{ label: 'Guichet', to: '/guichet' }]}
      />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" maw={960}>
        <form onSubmit={submit} noValidate aria-describedby="champs-requis">
          <Stack gap="md">
            <Text size="sm" c="dimmed" id="champs-requis">
              Les champs marqués d’un astérisque (*) sont obligatoires.
            </Text>
            <TypeRadio value={form.values.type} onChange={(type) => form.setFieldValue('type', type)} />
            <Grid gutter="md">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <SchoolSelect label="Établissement" value={uai} onChange={changeSchool} required clearable={!ownSchool.data} error={form.errors.uai as string | undefined} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Select
                  label="Salle"
                  description={uai && rooms.length === 0 && school.data ? 'Aucune salle n’est décrite pour cet établissement.' : 'Où se trouve le problème ?'}
                  placeholder={uai ? 'Choisir une salle' : 'Choisissez d’abord l’établissement'}
                  data={rooms}
                  {...form.getInputProps('roomId')}
                  searchable
                  clearable
                  disabled={!uai || rooms.length === 0}
                  nothingFoundMessage="Aucune salle trouvée"
                  clearButtonProps={{ 'aria-label': 'Effacer : Salle' }}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <MultiSelect
                  label="Équipements concernés"
                  description="Nom, numéro de série ou d’inventaire (jusqu’à 20)"
                  placeholder={uai ? 'Rechercher un équipement' : 'Choisissez d’abord l’établissement'}
                  data={deviceOptions}
                  {...form.getInputProps('assetIds')}
                  searchable
                  searchValue={deviceSearch}
                  onSearchChange={setDeviceSearch}
                  filter={({ options }) => options}
                  maxValues={20}
                  disabled={!uai}
                  nothingFoundMessage={devices.isFetching ? 'Recherche…' : 'Aucun équipement trouvé'}
                  clearable
                  clearButtonProps={{ 'aria-label': 'Effacer : Équipements concernés' }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <CategorySelect categories={categories.data?.items} value={form.values.category} onChange={(category) => form.setFieldValue('category', category)} error={form.errors.category as string | undefined} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <UrgencySelect value={form.values.urgency} onChange={(urgency) => form.setFieldValue('urgency', urgency)} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <ImpactSelect value={form.values.impact} onChange={(impact) => form.setFieldValue('impact', impact)} />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput
                  label="Titre"
                  description="En quelques mots : « Vidéoprojecteur de la salle B12 sans image »"
                  maxLength={200}
                  required
                  {...form.getInputProps('title')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea
                  label="Description"
                  description="Ce qui se passe, depuis quand, ce que vous avez déjà essayé"
                  autosize
                  minRows={4}
                  maxLength={20000}
                  required
                  {...form.getInputProps('description')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <FileInput
                  label="Pièces jointes"
                  description={attachmentRules}
                  placeholder="Choisir des fichiers"
                  leftSection={<IconPaperclip size={18} aria-hidden />}
                  multiple
                  accept={acceptAttribute}
                  value={files}
                  onChange={pickFiles}
                  clearable
                  clearButtonProps={{ 'aria-label': 'Retirer les pièces jointes' }}
                  error={fileProblems || undefined}
                />
                {files.length > 0 && (
                  <List size="sm" mt="xs">
                    {files.map((f) => (
                      <List.Item key={f.name}>
                        {f.name} ({formatBytes(f.size)})
                      </List.Item>
                    ))}
                  </List>
                )}
              </Grid.Col>
            </Grid>
            {uploading && (
              <div>
                <Text size="sm" id="progression-envoi">
                  Envoi de {uploading.name}…
                </Text>
                <Progress value={uploading.fraction * 100} aria-labelledby="progression-envoi" />
              </div>
            )}
            <ActionError error={create.error} />
            <Group justify="flex-end">
              <Button type="submit" leftSection={<IconSend size={18} aria-hidden />} loading={busy}>
                Envoyer le ticket
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
