import { Button, FileInput, Grid, Group, List, MultiSelect, Paper, Progress, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/client';
import { useMe } from '../../../session/session';
import { Guard } from '../../../ui/Guard';
import { PageHeader } from '../../../ui/PageHeader';
import { establishmentQuery } from '../../establishments/queries';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { ActionError, CategorySelect, ImpactSelect, issueFor, TypeRadio, UrgencySelect } from './fields';
import { formatBytes } from './labels';
import { useCategories, useCreateTicket, useOwnSchool, useSchoolDevices, useRefreshGuichet } from './queries';
import type { AssetSummary } from '../../parc/types';

type DeviceOption = Pick<AssetSummary, 'id' | 'name' | 'serial' | 'inventoryNumber' | 'class' | 'manufacturer' | 'model'>;
import { acceptAttribute, attachmentProblem, attachmentRules, uploadAttachment } from './upload';

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

  const [uai, setUai] = useState<string | null>(null);
  const [roomId, setRoomId] = useState<string | null>(null);
  const [assetIds, setAssetIds] = useState<string[]>([]);
  const [type, setType] = useState<'incident' | 'request'>('incident');
  const [category, setCategory] = useState('');
  const [urgency, setUrgency] = useState(3);
  const [impact, setImpact] = useState(3);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState<{ name: string; fraction: number } | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  // their own school first, when they have one
  useEffect(() => {
    if (uai === null && ownSchool.data) setUai(ownSchool.data.uai);
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

  const changeSchool = (next: string | null) => {
    setUai(next);
    setRoomId(null);
    setAssetIds([]);
  };

  const pickFiles = (picked: File[]) => {
    const problems = picked.map(attachmentProblem).filter((p): p is string => p !== null);
    setLocalErrors((e) => ({ ...e, files: problems.join(' ') }));
    setFiles(picked.filter((f) => attachmentProblem(f) === null));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!uai) errors.uai = 'Choisissez l’établissement.';
    if (title.trim().length < 3) errors.title = 'Donnez un titre d’au moins 3 caractères.';
    if (!description.trim()) errors.description = 'Décrivez le problème ou la demande.';
    setLocalErrors((e) => ({ ...errors, files: e.files ?? '' }));
    if (Object.keys(errors).length > 0) return;
    let created;
    try {
      created = await create.mutateAsync({
        uai: uai!,
        title: title.trim(),
        description: description.trim(),
        type,
        urgency,
        impact,
        category: category || null,
        roomId,
        assetIds,
      });
    } catch {
      return; // shown by ActionError
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
  };

  const busy = create.isPending || uploading !== null;

  return (
    <>
      <PageHeader
        title="Signaler un incident ou faire une demande"
        subtitle="Le guichet unique oriente votre ticket vers la bonne équipe et vous tient informé de son avancement."
        crumbs={[{ label: 'Guichet', to: '/guichet' }]}
      />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" maw={960}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-describedby="champs-requis">
          <Stack gap="md">
            <Text size="sm" c="dimmed" id="champs-requis">
              Les champs marqués d’un astérisque (*) sont obligatoires.
            </Text>
            <TypeRadio value={type} onChange={setType} />
            <Grid gutter="md">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <SchoolSelect label="Établissement" value={uai} onChange={changeSchool} required clearable={!ownSchool.data} error={localErrors.uai || issueFor(create.error, 'uai')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Select
                  label="Salle"
                  description={uai && rooms.length === 0 && school.data ? 'Aucune salle n’est décrite pour cet établissement.' : 'Où se trouve le problème ?'}
                  placeholder={uai ? 'Choisir une salle' : 'Choisissez d’abord l’établissement'}
                  data={rooms}
                  value={roomId}
                  onChange={setRoomId}
                  searchable
                  clearable
                  disabled={!uai || rooms.length === 0}
                  nothingFoundMessage="Aucune salle trouvée"
                  clearButtonProps={{ 'aria-label': 'Effacer : Salle' }}
                  error={issueFor(create.error, 'roomId')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <MultiSelect
                  label="Équipements concernés"
                  description="Nom, numéro de série ou d’inventaire (jusqu’à 20)"
                  placeholder={uai ? 'Rechercher un équipement' : 'Choisissez d’abord l’établissement'}
                  data={deviceOptions}
                  value={assetIds}
                  onChange={setAssetIds}
                  searchable
                  searchValue={deviceSearch}
                  onSearchChange={setDeviceSearch}
                  filter={({ options }) => options}
                  maxValues={20}
                  disabled={!uai}
                  nothingFoundMessage={devices.isFetching ? 'Recherche…' : 'Aucun équipement trouvé'}
                  clearable
                  clearButtonProps={{ 'aria-label': 'Effacer : Équipements concernés' }}
                  error={issueFor(create.error, 'assetIds')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <CategorySelect categories={categories.data?.items} value={category} onChange={setCategory} error={issueFor(create.error, 'category')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <UrgencySelect value={urgency} onChange={setUrgency} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <ImpactSelect value={impact} onChange={setImpact} />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput
                  label="Titre"
                  description="En quelques mots : « Vidéoprojecteur de la salle B12 sans image »"
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  maxLength={200}
                  required
                  error={localErrors.title || issueFor(create.error, 'title')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea
                  label="Description"
                  description="Ce qui se passe, depuis quand, ce que vous avez déjà essayé"
                  value={description}
                  onChange={(e) => setDescription(e.currentTarget.value)}
                  autosize
                  minRows={4}
                  maxLength={20000}
                  required
                  error={localErrors.description || issueFor(create.error, 'description')}
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
                  error={localErrors.files || undefined}
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
