import { Badge, Button, Checkbox, Group, MultiSelect, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError } from './ChangeError';
import { RowActions } from './RowActions';
import { useForm } from '@mantine/form';
import { createSupportTeamInput, updateSupportTeamInput } from '../../../../modules/guichet/operations/config/support-team.input';
import { apiClient, call } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import type { BodyOf } from '../../../api/types';
import { useDeskChange, withoutRouting } from './queries';
import { levelLabels, type DeskConfiguration, type SupportTeam } from './types';

/** One body for creating and changing a team: the contract's two bodies, every field optional. */
type TeamBody = { _id?: string } & Partial<BodyOf<'/api/desk/teams', 'post'>> & Partial<BodyOf<'/api/desk/teams/{id}', 'patch'>>;

/** Support teams by level: the tenant's own, the Académie's and the contractors'. */
export function TeamsSection({ config }: { config: DeskConfiguration }) {
  const [editing, setEditing] = useState<SupportTeam | 'new' | null>(null);
  const toggle = useDeskChange((b: TeamBody) => call(apiClient.PATCH('/api/desk/teams/{id}', { params: { path: { id: b._id! } }, body: withoutRouting(b) as BodyOf<'/api/desk/teams/{id}', 'patch'> })));
  const unitNames = new Map(config.units.map((u) => [u.id, u.name]));
  const canEdit = config.canConfigure;

  const setActive = async (team: SupportTeam, active: boolean) => {
    try {
      await toggle.mutateAsync({ _id: team.id, version: team.version, active });
      notifications.show({ color: 'teal', message: active ? `Équipe « ${team.name} » réactivée.` : `Équipe « ${team.name} » désactivée.` });
    } catch {
      // shown by ChangeError
    }
  };

  return (
    <Section title="Équipes de support" id="equipes" actions={canEdit && <Button onClick={() => setEditing('new')}>Nouvelle équipe</Button>}>
      <Stack gap="md">
        <ChangeError error={toggle.error} />
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <caption className="visually-hidden">Équipes de support du guichet</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Équipe</Table.Th>
                <Table.Th scope="col">Niveau</Table.Th>
                <Table.Th scope="col">Organisation</Table.Th>
                <Table.Th scope="col">Unités</Table.Th>
                <Table.Th scope="col">Catégories</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                {canEdit && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {config.teams.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Td>
                    {team.name}
                    {team.triage && (
                      <Badge ml="xs" variant="light">
                        tri
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{team.level}</Table.Td>
                  <Table.Td>{team.organization.name ?? '—'}</Table.Td>
                  <Table.Td>{team.unitIds.length ? team.unitIds.map((id) => unitNames.get(id) ?? id).join(', ') : 'Tout le territoire'}</Table.Td>
                  <Table.Td>{team.categories.length ? team.categories.join(', ') : 'Toutes'}</Table.Td>
                  <Table.Td>{team.active ? 'Active' : 'Désactivée'}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <RowActions thing={`l’équipe ${team.name}`} active={team.active} onEdit={() => setEditing(team)} onToggle={() => void setActive(team, !team.active)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {editing && <TeamForm key={editing === 'new' ? 'new' : `${editing.id}/${editing.version}`} config={config} team={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Stack>
    </Section>
  );
}

interface TeamValues {
  name: string;
  level: string;
  organizationId: string;
  unitIds: string[];
  categories: string[];
  holders: string;
  triage: boolean;
}

const teamFieldsOf = (v: TeamValues) => ({
  name: v.name.trim(),
  level: Number(v.level),
  organizationId: v.organizationId,
  unitIds: v.unitIds,
  categories: v.categories,
  warrantyHolders: v.holders.split(',').map((h) => h.trim()).filter(Boolean),
  triage: v.triage,
});

function TeamForm({ config, team, onDone }: { config: DeskConfiguration; team: SupportTeam | null; onDone: () => void }) {
  // the team operations' own schemas: an empty name is refused on its field, before sending
  const form = useForm<TeamValues>({
    initialValues: {
      name: team?.name ?? '',
      level: String(team?.level ?? 1),
      organizationId: team?.organization.id ?? config.organizations[0]?.id ?? '',
      unitIds: team?.unitIds ?? [],
      categories: team?.categories ?? [],
      holders: (team?.warrantyHolders ?? []).join(', '),
      triage: team?.triage ?? false,
    },
    validate: team
      ? schemaValidator(updateSupportTeamInput, (v: TeamValues) => ({ version: team.version, ...teamFieldsOf(v) }))
      : schemaValidator(createSupportTeamInput, teamFieldsOf),
  });
  const create = useDeskChange((b: TeamBody) => call(apiClient.POST('/api/desk/teams', { body: withoutRouting(b) as BodyOf<'/api/desk/teams', 'post'> })));
  const update = useDeskChange((b: TeamBody) => call(apiClient.PATCH('/api/desk/teams/{id}', { params: { path: { id: b._id! } }, body: withoutRouting(b) as BodyOf<'/api/desk/teams/{id}', 'patch'> })));
  const mutation = team ? update : create;

  const submit = form.onSubmit(async (values) => {
    const fields = teamFieldsOf(values);
    try {
      if (team) await update.mutateAsync({ _id: team.id, version: team.version, ...fields });
      else await create.mutateAsync(fields);
      notifications.show({ color: 'teal', message: team ? 'Équipe modifiée.' : 'Équipe créée.' });
      onDone();
    } catch (error) {
      // the message is shown by ChangeError; the fields it names are marked
      showServerIssues(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="equipe-form-titre">
      <Stack gap="sm" maw={720}>
        <Text fw={600} id="equipe-form-titre">
          {team ? `Modifier l’équipe « ${team.name} »` : 'Nouvelle équipe'}
        </Text>
        <ChangeError error={mutation.error} />
        <TextInput label="Nom" required {...form.getInputProps('name')} />
        <Group grow>
          <NativeSelect label="Niveau" data={[0, 1, 2, 3].map((l) => ({ value: String(l), label: levelLabels[l] }))} {...form.getInputProps('level')} />
          <NativeSelect label="Organisation" data={config.organizations.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('organizationId')} />
        </Group>
        <MultiSelect label="Unités territoriales servies" description="Aucune : tout le territoire." data={config.units.map((u) => ({ value: u.id, label: u.name }))} searchable clearable {...form.getInputProps('unitIds')} />
        <MultiSelect label="Catégories servies" description="Aucune : toutes les catégories de son organisation." data={config.categories.map((c) => ({ value: c.key, label: c.label }))} searchable clearable {...form.getInputProps('categories')} />
        <TextInput label="Garanties honorées (fournisseurs, séparés par des virgules)" {...form.getInputProps('holders')} error={form.errors.holders ?? form.errors.warrantyHolders} />
        <Checkbox label="Qualifie les tickets sans catégorie (tri)" {...form.getInputProps('triage', { type: 'checkbox' })} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            Enregistrer
          </Button>
          <Button variant="default" onClick={onDone}>
            Annuler
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
