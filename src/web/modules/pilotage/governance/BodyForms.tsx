import { Button, Group, NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { bodyKindLabels, bodyKinds, cadences, createBodyInput, memberInput, updateBodyInput, updateMemberInput, type BodyKind } from '../../../../modules/pilotage/governance/operations/body.input';
import { apiClient, call, errorMessage } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { cadenceLabels, governanceKey, usePartners, type Body } from './queries';

type Cadence = (typeof cadences)[number];
interface BodyValues {
  kind: BodyKind;
  name: string;
  cadence: Cadence;
  rule: 'majority' | 'unanimity';
}

const toBody = (v: BodyValues) => ({ kind: v.kind, name: v.name, cadence: v.cadence, unanimity: v.rule === 'unanimity' });
const fail = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });

/** Creates a body (no `body`) or edits one with the version read: kind, name, periodicity, decision rule. */
export function BodyForm({ body, onDone }: { body?: Body; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const initialValues: BodyValues = body
    ? { kind: body.kind as BodyKind, name: body.name, cadence: body.cadence as Cadence, rule: body.unanimity ? 'unanimity' : 'majority' }
    : { kind: 'project-group', name: '', cadence: 'weekly', rule: 'majority' };
  const form = useForm<BodyValues>({
    initialValues,
    validate: body ? schemaValidator(updateBodyInput, (v: BodyValues) => ({ ...toBody(v), version: body.version })) : schemaValidator(createBodyInput, toBody),
  });
  const save = useMutation({
    mutationFn: (v: BodyValues): Promise<unknown> =>
      body
        ? call(apiClient.PUT('/api/governance/bodies/{id}', { params: { path: { id: body.id } }, body: { ...toBody(v), version: body.version } }))
        : call(apiClient.POST('/api/governance/bodies', { body: { ...toBody(v), members: [] } })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: body ? 'Instance modifiée.' : 'Instance créée : ajoutez-lui ses membres.' });
      if (!body) form.reset();
      await queryClient.invalidateQueries({ queryKey: governanceKey() });
      onDone?.();
    },
    onError: (error) => showServerIssues(form, error, { unanimity: 'rule' }) || fail(error),
  });
  const label = body ? `Modifier l’instance ${body.name}` : 'Nouvelle instance';
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={label}>
      <Stack gap="xs" mt="xs">
        <Group align="flex-start" wrap="wrap">
          <NativeSelect label="Type d’instance" data={bodyKinds.map((k) => ({ value: k, label: bodyKindLabels[k] }))} w={220} {...form.getInputProps('kind')} />
          <TextInput label="Nom" required maxLength={160} style={{ flex: 1, minWidth: 220 }} {...form.getInputProps('name')} />
          <NativeSelect label="Périodicité" data={cadences.map((c) => ({ value: c, label: cadenceLabels[c] ?? c }))} w={190} {...form.getInputProps('cadence')} />
        </Group>
        <Radio.Group label="Règle de décision" {...form.getInputProps('rule')}>
          <Group mt={4}>
            <Radio value="majority" label="À la majorité des présents" />
            <Radio value="unanimity" label="À l’unanimité" />
          </Group>
        </Radio.Group>
        <Group>
          <Button type="submit" size="xs" loading={save.isPending}>
            {body ? 'Enregistrer l’instance' : 'Créer l’instance'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Member = Body['members'][number];
interface MemberValues {
  name: string;
  title: string;
  organizationId: string;
}
const toMember = (v: MemberValues) => ({ name: v.name, title: v.title, organizationId: v.organizationId, userId: null });

/** Adds a member to a body (no `member`) or edits one: name, function, and the partner they sit for. */
export function MemberForm({ body, member, onDone }: { body: Body; member?: Member; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const partners = usePartners();
  const form = useForm<MemberValues>({
    initialValues: member ? { name: member.name, title: member.title, organizationId: member.organizationId } : { name: '', title: '', organizationId: '' },
    validate: member ? schemaValidator(updateMemberInput, (v: MemberValues) => ({ ...toMember(v), version: member.version })) : schemaValidator(memberInput, toMember),
  });
  const save = useMutation({
    mutationFn: (v: MemberValues): Promise<unknown> =>
      member
        ? call(apiClient.PUT('/api/governance/bodies/{id}/members/{memberId}', { params: { path: { id: body.id, memberId: member.id } }, body: { ...toMember(v), version: member.version } }))
        : call(apiClient.POST('/api/governance/bodies/{id}/members', { params: { path: { id: body.id } }, body: toMember(v) })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: member ? 'Membre modifié.' : 'Membre ajouté.' });
      if (!member) form.reset();
      await queryClient.invalidateQueries({ queryKey: governanceKey() });
      onDone?.();
    },
    onError: (error) => showServerIssues(form, error, { members: 'organizationId' }) || fail(error),
  });
  const options = [{ value: '', label: 'Choisir…' }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))];
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={member ? `Modifier le membre ${member.name}` : `Nouveau membre : ${body.name}`}>
      <Group align="flex-start" wrap="wrap" mt="xs">
        <TextInput label="Nom" required maxLength={120} w={200} {...form.getInputProps('name')} />
        <TextInput label="Fonction" required maxLength={120} w={200} {...form.getInputProps('title')} />
        <NativeSelect label="Représente" required data={options} w={240} {...form.getInputProps('organizationId')} />
        <Button type="submit" size="xs" mt={25} loading={save.isPending}>
          {member ? 'Enregistrer le membre' : 'Ajouter le membre'}
        </Button>
      </Group>
    </form>
  );
}

/** Removes a member who neither voted nor carries an action (the server refuses otherwise, in French). */
export function useRemoveMember(body: Body) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: Member) => call(apiClient.DELETE('/api/governance/bodies/{id}/members/{memberId}', { params: { path: { id: body.id, memberId: member.id }, query: { version: member.version } } })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Membre retiré.' });
      await queryClient.invalidateQueries({ queryKey: governanceKey() });
    },
    onError: fail,
  });
}
