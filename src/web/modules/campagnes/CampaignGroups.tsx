import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage, isApiError } from '../../api/client';
import { natures } from '../../labels';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { createInstructorGroupInput, updateInstructorGroupInput } from '../../../modules/campagnes/operations/instructor-groups.input';
import { unitOptions, useUnits } from '../units/queries';
import { AccountsPicker, type Account } from './AccountsPicker';
import { campagnesKey, useForm as useCampaignForm } from './queries';

type RuleOn = 'unit' | 'department' | 'nature' | 'answer';
interface RuleValues {
  on: RuleOn;
  values: string[];
  field: string;
}
interface GroupValues {
  name: string;
  priority: number | '';
  isDefault: boolean;
  members: Account[];
  rules: RuleValues[];
}
interface GroupItem {
  id: string;
  name: string;
  priority: number;
  isDefault: boolean;
  rules: { on: string; values: string[]; field?: string }[];
  members: Account[];
  version: number;
}

const ruleLabels: Record<RuleOn, string> = { unit: 'Unité territoriale', department: 'Département', nature: 'Nature d’établissement', answer: 'Réponse au formulaire' };
const fieldOf = { memberUserIds: 'members' };

const toBody = (v: GroupValues) => ({
  name: v.name,
  priority: v.priority === '' ? 0 : v.priority,
  isDefault: v.isDefault,
  memberUserIds: v.members.map((m) => m.id),
  rules: v.rules.map((r) => ({ on: r.on, values: r.values, ...(r.on === 'answer' ? { field: r.field } : {}) })),
});

const groupsKey = (campaignId: string) => campagnesKey('groups', campaignId);

/**
 * The campaign's instructor groups: who instructs which files. A submitted file goes to the first
 * group, by priority, whose rules all hold (its school's unit, département or nature, or an answer
 * of the form), else to the default group. Each group is saved on its own, with the version read.
 */
export function CampaignGroups({ campaignId }: { campaignId: string }) {
  const client = useQueryClient();
  const groups = useQuery({ queryKey: groupsKey(campaignId), queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/groups', { params: { path: { campaign: campaignId } }, signal })) });
  const units = useUnits();
  const [editing, setEditing] = useState<GroupItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<GroupItem | null>(null);
  const unitName = new Map(unitOptions(units.data?.items ?? []).map((u) => [u.value, u.label]));
  const remove = useMutation({
    mutationFn: (g: GroupItem) => call(apiClient.DELETE('/api/campaigns/{campaign}/groups/{group}', { params: { path: { campaign: campaignId, group: g.id }, query: { version: g.version } } })),
    onSuccess: (_r, g) => {
      notifications.show({ color: 'teal', message: `Groupe « ${g.name} » supprimé.` });
      setDeleting(null);
    },
    onError: (e) => notifications.show({ color: isApiError(e, 409) ? 'orange' : 'red', title: 'Suppression refusée', message: errorMessage(e) }),
    onSettled: () => client.invalidateQueries({ queryKey: groupsKey(campaignId) }),
  });
  const describe = (r: GroupItem['rules'][number]) => {
    const values = r.on === 'unit' ? r.values.map((v) => unitName.get(v) ?? v) : r.on === 'nature' ? r.values.map((v) => natures[v] ?? v) : r.values;
    return `${ruleLabels[r.on as RuleOn] ?? r.on}${r.field ? ` « ${r.field} »` : ''} : ${values.join(', ')}`;
  };
  return (
    <Section title="Groupes d’instructeurs" actions={<Button variant="light" onClick={() => setEditing('new')}>Ajouter un groupe</Button>}>
      <Text size="sm" mb="sm">
        Un dossier déposé va au premier groupe, par priorité croissante, dont toutes les règles sont vérifiées ; sinon au groupe par défaut. Les membres d’un groupe instruisent ses dossiers.
      </Text>
      {groups.isPending ? (
        <Loading />
      ) : groups.isError ? (
        <QueryError error={groups.error} retry={() => void groups.refetch()} />
      ) : groups.data.items.length === 0 ? (
        <Text c="dimmed">Aucun groupe : seuls les administrateurs instruisent les dossiers.</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Groupes d’instructeurs">
          {groups.data.items.map((g) => (
            <Paper key={g.id} component="li" withBorder p="sm" radius="sm">
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600}>{g.name}</Text>
                    <Badge variant="light" color="gray">Priorité {g.priority}</Badge>
                    {g.isDefault ? <Badge variant="light" color="teal">Par défaut</Badge> : null}
                  </Group>
                  {g.rules.length ? g.rules.map((r, i) => <Text key={i} size="sm">{describe(r)}</Text>) : <Text size="sm" c="dimmed">Sans règle</Text>}
                  <Text size="sm" c="dimmed">Membres : {g.members.length ? g.members.map((m) => m.displayName).join(', ') : 'aucun'}</Text>
                </Stack>
                <Group gap="xs">
                  <Button size="compact-sm" variant="light" onClick={() => setEditing(g)} aria-label={`Modifier le groupe ${g.name}`}>Modifier</Button>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(g)} aria-label={`Supprimer le groupe ${g.name}`}>Supprimer</Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {editing && <GroupForm campaignId={campaignId} group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <Modal opened onClose={() => setDeleting(null)} title={`Supprimer le groupe « ${deleting.name} » ?`}>
          <Stack gap="sm">
            <Text size="sm">Ses dossiers restent sans groupe : les administrateurs les voient toujours, ses membres ne les instruisent plus.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>Annuler</Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(deleting)}>Supprimer</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Section>
  );
}

function GroupForm({ campaignId, group, onClose }: { campaignId: string; group: GroupItem | null; onClose: () => void }) {
  const client = useQueryClient();
  const units = useUnits();
  const campaignForm = useCampaignForm(campaignId);
  const answerFields = ((campaignForm.data?.versions[0]?.fields ?? []) as { key: string; label: string; kind: string }[])
    .filter((f) => !['section', 'explanation', 'document', 'repeat', 'address'].includes(f.kind))
    .map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }));
  const [conflict, setConflict] = useState<string | null>(null);
  const form = useForm<GroupValues>({
    initialValues: group
      ? { name: group.name, priority: group.priority, isDefault: group.isDefault, members: group.members, rules: group.rules.map((r) => ({ on: r.on as RuleOn, values: r.values, field: r.field ?? '' })) }
      : { name: '', priority: 0, isDefault: false, members: [], rules: [] },
    validate: group ? schemaValidator(updateInstructorGroupInput, (v: GroupValues) => ({ ...toBody(v), version: group.version }), fieldOf) : schemaValidator(createInstructorGroupInput, toBody, fieldOf),
  });
  const save = useMutation({
    mutationFn: (v: GroupValues) =>
      group
        ? call(apiClient.PUT('/api/campaigns/{campaign}/groups/{group}', { params: { path: { campaign: campaignId, group: group.id } }, body: { ...toBody(v), version: group.version } }))
        : call(apiClient.POST('/api/campaigns/{campaign}/groups', { params: { path: { campaign: campaignId } }, body: toBody(v) })),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: `Groupe « ${saved.name} » enregistré.` });
      void client.invalidateQueries({ queryKey: groupsKey(campaignId) });
      onClose();
    },
    onError: (e) => {
      if (showServerIssues(form, e, fieldOf)) return;
      setConflict(isApiError(e, 409) ? `${errorMessage(e)} Fermez et rouvrez le groupe pour repartir de la version enregistrée.` : errorMessage(e));
      if (isApiError(e, 409)) void client.invalidateQueries({ queryKey: groupsKey(campaignId) });
    },
  });
  const unitData = unitOptions(units.data?.items ?? []);
  const natureData = Object.entries(natures).map(([value, label]) => ({ value, label: `${label} (${value})` }));
  return (
    <Modal opened onClose={onClose} title={group ? `Modifier le groupe « ${group.name} »` : 'Nouveau groupe d’instructeurs'} size="xl">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Nom" withAsterisk {...form.getInputProps('name')} />
            <NumberInput label="Priorité" description="La plus petite est essayée d’abord" min={0} max={1000} allowDecimal={false} {...form.getInputProps('priority')} />
            <Checkbox mt="lg" label="Groupe par défaut (dossiers qu’aucune règle ne route)" {...form.getInputProps('isDefault', { type: 'checkbox' })} />
          </SimpleGrid>
          <AccountsPicker campaignId={campaignId} label="Membres" description="Personnes ayant un compte auprès de la collectivité" value={form.values.members} onChange={(m) => form.setFieldValue('members', m)} error={form.errors.members as string | undefined} max={200} />
          <Text fw={600} size="sm">Règles de routage (toutes doivent être vérifiées)</Text>
          {form.values.rules.length === 0 ? <Text size="sm" c="dimmed">Aucune règle : le groupe ne reçoit de dossiers que s’il est le groupe par défaut.</Text> : null}
          {form.values.rules.map((rule, i) => (
            <Paper key={i} withBorder p="xs" radius="sm" role="group" aria-label={`Règle ${i + 1}`}>
              <Group align="flex-start" wrap="nowrap">
                <Select
                  label={`Critère de la règle ${i + 1}`}
                  data={Object.entries(ruleLabels).map(([value, label]) => ({ value, label }))}
                  allowDeselect={false}
                  value={rule.on}
                  onChange={(on) => form.setFieldValue(`rules.${i}`, { on: (on ?? 'unit') as RuleOn, values: [], field: '' })}
                  w={220}
                />
                {rule.on === 'answer' ? (
                  <Select label="Champ du formulaire" data={answerFields} searchable value={rule.field || null} onChange={(f) => form.setFieldValue(`rules.${i}.field`, f ?? '')} error={form.errors[`rules.${i}.field`] as string | undefined} w={260} />
                ) : null}
                {rule.on === 'unit' ? (
                  <MultiSelect label="Unités" data={unitData} searchable {...form.getInputProps(`rules.${i}.values`)} style={{ flex: 1 }} />
                ) : rule.on === 'nature' ? (
                  <MultiSelect label="Natures" data={natureData} searchable {...form.getInputProps(`rules.${i}.values`)} style={{ flex: 1 }} />
                ) : (
                  <TagsInput label={rule.on === 'department' ? 'Codes de département' : 'Réponses attendues'} description="Entrée après chaque valeur" {...form.getInputProps(`rules.${i}.values`)} style={{ flex: 1 }} />
                )}
                <ActionIcon mt={24} variant="subtle" color="red" aria-label={`Retirer la règle ${i + 1}`} onClick={() => form.removeListItem('rules', i)}>
                  ×
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Group>
            <Button variant="subtle" onClick={() => form.insertListItem('rules', { on: 'unit', values: [], field: '' })}>Ajouter une règle</Button>
          </Group>
          {conflict ? <Alert color="orange" role="alert">{conflict}</Alert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Annuler</Button>
            <Button type="submit" loading={save.isPending}>Enregistrer le groupe</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
