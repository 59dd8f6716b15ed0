import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError } from './ChangeError';
import { RowActions } from './RowActions';
import { useForm } from '@mantine/form';
import { createCategoryInput, updateCategoryInput } from '../../../../modules/guichet/operations/config/category.input';
import { apiClient, call } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
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

interface CategoryValues {
  key: string;
  label: string;
  orgId: string;
  hardware: boolean;
  agreementId: string;
  sortOrder: number | string;
  defaultTeams: Record<string, string>;
}

const categoryFieldsOf = (v: CategoryValues) => ({
  label: v.label.trim(),
  responsibleOrganizationId: v.orgId,
  hardware: v.hardware,
  agreementId: v.agreementId || null,
  sortOrder: v.sortOrder === '' ? 0 : Number(v.sortOrder),
  defaultTeams: Object.fromEntries(Object.entries(v.defaultTeams).filter(([, id]) => id)),
});

/** Where the operations' rules land on this form's fields. */
const categoryFieldOf: Record<string, string> = { responsibleOrganizationId: 'orgId' };

function CategoryForm({ config, category, onDone }: { config: DeskConfiguration; category: TicketCategory | null; onDone: () => void }) {
  // the category operations' own schemas, each refusal on its field before sending
  const rules = category
    ? schemaValidator(updateCategoryInput, (v: CategoryValues) => ({ version: category.version, ...categoryFieldsOf(v) }))
    : schemaValidator(createCategoryInput, (v: CategoryValues) => ({ key: v.key.trim(), ...categoryFieldsOf(v) }));
  const form = useForm<CategoryValues>({
    initialValues: {
      key: '',
      label: category?.label ?? '',
      orgId: category?.responsibleOrganization.id ?? config.organizations[0]?.id ?? '',
      hardware: category?.hardware ?? false,
      agreementId: category?.agreementId ?? '',
      sortOrder: category?.sortOrder ?? 100,
      defaultTeams: category?.defaultTeams ?? {},
    },
    validate: (values) => Object.fromEntries(Object.entries(rules(values)).map(([path, message]) => [categoryFieldOf[path] ?? path, message])),
  });
  const values = form.values;
  const create = useDeskChange((b: CategoryBody) => call(apiClient.POST('/api/desk/categories', { body: withoutRouting(b) as BodyOf<'/api/desk/categories', 'post'> })));
  const update = useDeskChange((b: CategoryBody) => call(apiClient.PATCH('/api/desk/categories/{key}', { params: { path: { key: b._id! } }, body: withoutRouting(b) as BodyOf<'/api/desk/categories/{key}', 'patch'> })));
  const mutation = category ? update : create;

  const submit = form.onSubmit(async (v) => {
    const fields = categoryFieldsOf(v);
    try {
      if (category) await update.mutateAsync({ _id: category.key, version: category.version, ...fields });
      else await create.mutateAsync({ key: v.key.trim(), ...fields });
      notifications.show({ color: 'teal', message: category ? 'Catégorie modifiée.' : 'Catégorie créée.' });
      onDone();
    } catch (error) {
      // the message is shown by ChangeError; the fields it names are marked
      showServerIssues(form, error, categoryFieldOf);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="categorie-form-titre">
      <Stack gap="sm" maw={720}>
        <Text fw={600} id="categorie-form-titre">
          {category ? `Modifier la catégorie « ${category.label} »` : 'Nouvelle catégorie'}
        </Text>
        <ChangeError error={mutation.error} />
        {!category && <TextInput label="Identifiant" description="minuscules, chiffres et tirets (exemple : telephonie)" required {...form.getInputProps('key')} />}
        <TextInput label="Libellé (périmètre)" required {...form.getInputProps('label')} />
        <Group grow>
          <NativeSelect label="Organisation responsable" data={config.organizations.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('orgId')} />
          <NativeSelect label="Convention" data={[{ value: '', label: 'Convention par défaut du guichet' }, ...config.agreements.map((a) => ({ value: a.id, label: a.label }))]} {...form.getInputProps('agreementId')} />
        </Group>
        {[0, 1, 2, 3].map((level) => (
          <NativeSelect
            key={level}
            label={`Équipe par défaut — ${levelLabels[level]}`}
            data={[{ value: '', label: 'Aucune (équipe des unités de l’établissement)' }, ...config.teams.filter((t) => t.level === level && t.active).map((t) => ({ value: t.id, label: t.name }))]}
            value={values.defaultTeams[String(level)] ?? ''}
            onChange={(e) => form.setFieldValue('defaultTeams', { ...values.defaultTeams, [String(level)]: e.currentTarget.value })}
            error={form.errors[`defaultTeams.${level}`]}
          />
        ))}
        <Group>
          <NumberInput label="Ordre d’affichage" min={0} max={10000} allowDecimal={false} clampBehavior="none" w={180} {...form.getInputProps('sortOrder')} />
          <Checkbox label="Pannes matérielles (garanties des équipements)" mt="lg" {...form.getInputProps('hardware', { type: 'checkbox' })} />
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
