import { Badge, Button, Checkbox, Group, MultiSelect, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError } from './ChangeError';
import { RowActions } from './RowActions';
import { apiClient, call } from '../../../api/client';
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

function TeamForm({ config, team, onDone }: { config: DeskConfiguration; team: SupportTeam | null; onDone: () => void }) {
  const [name, setName] = useState(team?.name ?? '');
  const [level, setLevel] = useState(String(team?.level ?? 1));
  const [organizationId, setOrganizationId] = useState(team?.organization.id ?? config.organizations[0]?.id ?? '');
  const [unitIds, setUnitIds] = useState<string[]>(team?.unitIds ?? []);
  const [categories, setCategories] = useState<string[]>(team?.categories ?? []);
  const [holders, setHolders] = useState((team?.warrantyHolders ?? []).join(', '));
  const [triage, setTriage] = useState(team?.triage ?? false);
  const create = useDeskChange((b: TeamBody) => call(apiClient.POST('/api/desk/teams', { body: withoutRouting(b) as BodyOf<'/api/desk/teams', 'post'> })));
  const update = useDeskChange((b: TeamBody) => call(apiClient.PATCH('/api/desk/teams/{id}', { params: { path: { id: b._id! } }, body: withoutRouting(b) as BodyOf<'/api/desk/teams/{id}', 'patch'> })));
  const mutation = team ? update : create;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      name,
      level: Number(level),
      organizationId,
      unitIds,
      categories,
      warrantyHolders: holders.split(',').map((h) => h.trim()).filter(Boolean),
      triage,
    };
    try {
      if (team) await update.mutateAsync({ _id: team.id, version: team.version, ...fields });
      else await create.mutateAsync(fields);
      notifications.show({ color: 'teal', message: team ? 'Équipe modifiée.' : 'Équipe créée.' });
      onDone();
    } catch {
      // shown by ChangeError
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="equipe-form-titre">
      <Stack gap="sm" maw={720}>
        <Text fw={600} id="equipe-form-titre">
          {team ? `Modifier l’équipe « ${team.name} »` : 'Nouvelle équipe'}
        </Text>
        <ChangeError error={mutation.error} />
        <TextInput label="Nom" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Group grow>
          <NativeSelect label="Niveau" data={[0, 1, 2, 3].map((l) => ({ value: String(l), label: levelLabels[l] }))} value={level} onChange={(e) => setLevel(e.currentTarget.value)} />
          <NativeSelect label="Organisation" data={config.organizations.map((o) => ({ value: o.id, label: o.name }))} value={organizationId} onChange={(e) => setOrganizationId(e.currentTarget.value)} />
        </Group>
        <MultiSelect label="Unités territoriales servies" description="Aucune : tout le territoire." data={config.units.map((u) => ({ value: u.id, label: u.name }))} value={unitIds} onChange={setUnitIds} searchable clearable />
        <MultiSelect label="Catégories servies" description="Aucune : toutes les catégories de son organisation." data={config.categories.map((c) => ({ value: c.key, label: c.label }))} value={categories} onChange={setCategories} searchable clearable />
        <TextInput label="Garanties honorées (fournisseurs, séparés par des virgules)" value={holders} onChange={(e) => setHolders(e.currentTarget.value)} />
        <Checkbox label="Qualifie les tickets sans catégorie (tri)" checked={triage} onChange={(e) => setTriage(e.currentTarget.checked)} />
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
