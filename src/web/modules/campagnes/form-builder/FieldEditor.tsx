import { ActionIcon, Badge, Button, Checkbox, Fieldset, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { displayOnlyKinds, fieldKindLabels, fieldKinds, type FieldKind } from '../../../../shared/campaign-form';
import { ConditionEditor } from './ConditionEditor';
import { choiceKinds, newField, numericKinds, textKinds, type BuilderValues, type EditField } from './form-values';

export const kindOptions = (exclude: FieldKind[] = []) => fieldKinds.filter((k) => !exclude.includes(k)).map((k) => ({ value: k, label: fieldKindLabels[k] }));

interface Props {
  form: UseFormReturnType<BuilderValues>;
  /** The field's path in the form's values (`fields.3`, `fields.3.children.0`). */
  path: string;
  field: EditField;
  index: number;
  count: number;
  /** The fields placed before it, which its condition may read (inside a repeated block: the block's earlier fields); null: no condition. */
  earlier: EditField[] | null;
  nested?: boolean;
}

/** One field of the form: kind, label, key, the rules its kind takes, its condition; moved, removed. */
export function FieldEditor({ form, path, field, index, count, earlier, nested }: Props) {
  const list = path.slice(0, path.lastIndexOf('.'));
  const name = field.label || `champ ${index + 1}`;
  const answers = !displayOnlyKinds.includes(field.kind);
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={`Champ ${index + 1} : ${name}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Badge variant="light">{index + 1}</Badge>
            <Text fw={600}>{field.label || 'Nouveau champ'}</Text>
            {field.condition && <Badge color="grape" variant="light">Conditionnel</Badge>}
          </Group>
          <Group gap={4} wrap="nowrap">
            <ActionIcon variant="subtle" size="lg" aria-label={`Monter « ${name} »`} disabled={index === 0} onClick={() => form.reorderListItem(list, { from: index, to: index - 1 })}>
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" size="lg" aria-label={`Descendre « ${name} »`} disabled={index === count - 1} onClick={() => form.reorderListItem(list, { from: index, to: index + 1 })}>
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Supprimer « ${name} »`} onClick={() => form.removeListItem(list, index)}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <Group grow align="flex-start">
          <Select label="Type" data={kindOptions(nested ? ['repetition'] : [])} allowDeselect={false} {...form.getInputProps(`${path}.kind`)} />
          <TextInput label="Libellé" withAsterisk {...form.getInputProps(`${path}.label`)} />
          <TextInput label="Clé" description="Nom de colonne des exports" {...form.getInputProps(`${path}.key`)} />
        </Group>
        <Textarea label={field.kind === 'explanation' ? 'Texte affiché' : 'Aide affichée sous le champ'} autosize minRows={1} {...form.getInputProps(`${path}.description`)} />
        {answers && (
          <Group gap="lg">
            <Checkbox label="Obligatoire" {...form.getInputProps(`${path}.required`, { type: 'checkbox' })} />
            <Checkbox label="Donnée personnelle (hors exports des partenaires)" {...form.getInputProps(`${path}.personal`, { type: 'checkbox' })} />
          </Group>
        )}
        <KindRules form={form} path={path} field={field} />
        {field.kind === 'repetition' && <RepeatedBlock form={form} path={path} field={field} />}
        {earlier && answers && <ConditionEditor form={form} path={path} field={field} earlier={earlier} />}
      </Stack>
    </Paper>
  );
}

/** The validation bounds a kind takes: numbers' bounds, texts' length, choices' options, documents' size. */
function KindRules({ form, path, field }: { form: UseFormReturnType<BuilderValues>; path: string; field: EditField }) {
  if (numericKinds.includes(field.kind)) {
    const unit = field.kind === 'euros' ? ' (€)' : '';
    return (
      <Group grow>
        <NumberInput label={`Minimum${unit}`} allowDecimal={field.kind !== 'integer'} {...form.getInputProps(`${path}.min`)} />
        <NumberInput label={`Maximum${unit}`} allowDecimal={field.kind !== 'integer'} {...form.getInputProps(`${path}.max`)} />
      </Group>
    );
  }
  if (textKinds.includes(field.kind)) return <NumberInput label="Longueur maximale (caractères)" min={1} allowDecimal={false} {...form.getInputProps(`${path}.maxLength`)} />;
  if (field.kind === 'document') return <NumberInput label="Taille maximale (Mo)" description="20 Mo si vide" min={1} max={100} {...form.getInputProps(`${path}.maxBytes`)} />;
  if (choiceKinds.includes(field.kind))
    return (
      <Textarea
        label="Options (une par ligne)"
        autosize
        minRows={2}
        value={(field.options ?? []).join('\n')}
        onChange={(e) => form.setFieldValue(`${path}.options`, e.currentTarget.value.split('\n'))}
        error={form.errors[`${path}.options`]}
      />
    );
  return null;
}

/** A repeated block's own fields (no nested block), each shown on a condition over the block's earlier fields. */
function RepeatedBlock({ form, path, field }: { form: UseFormReturnType<BuilderValues>; path: string; field: EditField }) {
  const children = field.children ?? [];
  return (
    <Fieldset legend="Champs de chaque bloc">
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {children.map((child, i) => (
          <FieldEditor key={i} form={form} path={`${path}.children.${i}`} field={child} index={i} count={children.length} earlier={children.slice(0, i)} nested />
        ))}
      </Stack>
      <Button
        mt="xs"
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => form.insertListItem(`${path}.children`, newField('text', children.map((c) => c.key)))}
      >
        Ajouter un champ au bloc
      </Button>
    </Fieldset>
  );
}
