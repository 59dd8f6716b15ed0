import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError } from './ChangeError';
import { RowActions } from './RowActions';
import { apiClient, call } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useDeskChange, withoutRouting } from './queries';
import { levelLabels, type DeskConfiguration, type TicketCategory } from './types';

/** One body for creating and changing a category: the contract's two bodies, every field optional. */
type CategoryBody = { _id?: string } & Partial<BodyOf<'/api/desk/categories', 'post'>> & Partial<BodyOf<'/api/desk/categories/{key}', 'patch'>>;

/** Categories by scope, each with the organization responsible for it under the partners' agreements. */
export function CategoriesSection({ config }: { config: DeskConfiguration }) {
  const [editing, setEditing] = useState<TicketCategory | 'new' | null>(null);
  const toggle = useDeskChange((b: CategoryBody) => call(apiClient.PATCH('/api/desk/categories/{key}', { params: { path: { key: b._id! } }, body: withoutRouting(b) as BodyOf<'/api/desk/categories/{key}', 'patch'> })));
  const teamNames = new Map(config.teams.map((t) => [t.id, t.name]));
  const agreementLabels = new Map(config.agreements.map((a) => [a.id, a.label]));
  const canEdit = config.canConfigure;

  const setActive = async (category: TicketCategory, active: boolean) => {
    try {
      await toggle.mutateAsync({ _id: category.key, version: category.version, active });
      notifications.show({ color: 'teal', message: active ? `Catégorie « ${category.label} » réactivée.` : `Catégorie « ${category.label} » désactivée.` });
    } catch {
      // shown by ChangeError
    }
  };

  return (
    <Section title="Catégories" id="categories" actions={canEdit && <Button onClick={() => setEditing('new')}>Nouvelle catégorie</Button>}>
      <Stack gap="md">
        <ChangeError error={toggle.error} />
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <caption className="visually-hidden">Catégories de tickets et organisation responsable</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Catégorie</Table.Th>
                <Table.Th scope="col">Responsable</Table.Th>
                <Table.Th scope="col">Convention</Table.Th>
                <Table.Th scope="col">Équipes par défaut</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                {canEdit && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {config.categories.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td>
                    {c.label}
                    <Text size="xs" c="dimmed">
                      {c.key}
                      {c.hardware ? ' · matériel (garanties)' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.responsibleOrganization.name ?? '—'}</Table.Td>
                  <Table.Td>{c.agreementId ? (agreementLabels.get(c.agreementId) ?? c.agreementId) : 'Convention par défaut'}</Table.Td>
                  <Table.Td>
                    {Object.entries(c.defaultTeams)
                      .map(([level, id]) => `N${level} : ${teamNames.get(id) ?? id}`)
                      .join(' ; ') || '—'}
                  </Table.Td>
                  <Table.Td>{c.active ? 'Active' : 'Désactivée'}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <RowActions thing={`la catégorie ${c.label}`} active={c.active} onEdit={() => setEditing(c)} onToggle={() => void setActive(c, !c.active)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {editing && <CategoryForm key={editing === 'new' ? 'new' : `${editing.key}/${editing.version}`} config={config} category={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Stack>
    </Section>
  );
}

function CategoryForm({ config, category, onDone }: { config: DeskConfiguration; category: TicketCategory | null; onDone: () => void }) {
  const [key, setKey] = useState('');
  const [label, setLabel] = useState(category?.label ?? '');
  const [orgId, setOrgId] = useState(category?.responsibleOrganization.id ?? config.organizations[0]?.id ?? '');
  const [hardware, setHardware] = useState(category?.hardware ?? false);
  const [agreementId, setAgreementId] = useState(category?.agreementId ?? '');
  const [sortOrder, setSortOrder] = useState<number | ''>(category?.sortOrder ?? 100);
  const [defaultTeams, setDefaultTeams] = useState<Record<string, string>>(category?.defaultTeams ?? {});
  const create = useDeskChange((b: CategoryBody) => call(apiClient.POST('/api/desk/categories', { body: withoutRouting(b) as BodyOf<'/api/desk/categories', 'post'> })));
  const update = useDeskChange((b: CategoryBody) => call(apiClient.PATCH('/api/desk/categories/{key}', { params: { path: { key: b._id! } }, body: withoutRouting(b) as BodyOf<'/api/desk/categories/{key}', 'patch'> })));
  const mutation = category ? update : create;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      label,
      responsibleOrganizationId: orgId,
      hardware,
      agreementId: agreementId || null,
      sortOrder: sortOrder === '' ? 0 : sortOrder,
      defaultTeams: Object.fromEntries(Object.entries(defaultTeams).filter(([, id]) => id)),
    };
    try {
      if (category) await update.mutateAsync({ _id: category.key, version: category.version, ...fields });
      else await create.mutateAsync({ key: key.trim(), ...fields });
      notifications.show({ color: 'teal', message: category ? 'Catégorie modifiée.' : 'Catégorie créée.' });
      onDone();
    } catch {
      // shown by ChangeError
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="categorie-form-titre">
      <Stack gap="sm" maw={720}>
        <Text fw={600} id="categorie-form-titre">
          {category ? `Modifier la catégorie « ${category.label} »` : 'Nouvelle catégorie'}
        </Text>
        <ChangeError error={mutation.error} />
        {!category && <TextInput label="Identifiant" description="minuscules, chiffres et tirets (exemple : telephonie)" value={key} onChange={(e) => setKey(e.currentTarget.value)} required />}
        <TextInput label="Libellé (périmètre)" value={label} onChange={(e) => setLabel(e.currentTarget.value)} required />
        <Group grow>
          <NativeSelect label="Organisation responsable" data={config.organizations.map((o) => ({ value: o.id, label: o.name }))} value={orgId} onChange={(e) => setOrgId(e.currentTarget.value)} />
          <NativeSelect label="Convention" data={[{ value: '', label: 'Convention par défaut du guichet' }, ...config.agreements.map((a) => ({ value: a.id, label: a.label }))]} value={agreementId} onChange={(e) => setAgreementId(e.currentTarget.value)} />
        </Group>
        {[0, 1, 2, 3].map((level) => (
          <NativeSelect
            key={level}
            label={`Équipe par défaut — ${levelLabels[level]}`}
            data={[{ value: '', label: 'Aucune (équipe des unités de l’établissement)' }, ...config.teams.filter((t) => t.level === level && t.active).map((t) => ({ value: t.id, label: t.name }))]}
            value={defaultTeams[String(level)] ?? ''}
            onChange={(e) => setDefaultTeams((d) => ({ ...d, [String(level)]: e.currentTarget.value }))}
          />
        ))}
        <Group>
          <NumberInput label="Ordre d’affichage" min={0} max={10000} allowDecimal={false} value={sortOrder} onChange={(v) => setSortOrder(v === '' ? '' : Number(v))} w={180} />
          <Checkbox label="Pannes matérielles (garanties des équipements)" checked={hardware} onChange={(e) => setHardware(e.currentTarget.checked)} mt="lg" />
        </Group>
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
