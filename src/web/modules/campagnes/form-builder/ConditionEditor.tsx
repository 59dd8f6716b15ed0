import { ActionIcon, Button, Fieldset, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { conditionOperatorLabels, conditionOperators, displayOnlyKinds, type ConditionOperator } from '../../../../shared/campaign-form';
import type { BuilderValues, EditField } from './form-values';

/** Operators that make sense for an answer's kind (greater: numbers; in département: school or address). */
function operatorsFor(target: EditField | undefined): ConditionOperator[] {
  if (!target) return [...conditionOperators];
  if (target.kind === 'establishment' || target.kind === 'address') return ['in-department'];
  if (target.kind === 'integer' || target.kind === 'decimal' || target.kind === 'euros') return ['equals', 'greater'];
  if (target.kind === 'yesno' || target.kind === 'choice') return ['equals'];
  return ['equals', 'contains'];
}

/** « Afficher ce champ si » : clauses over the answers to earlier fields, all (et) or any (ou). */
export function ConditionEditor(props: { form: UseFormReturnType<BuilderValues>; path: string; field: EditField; earlier: EditField[] }) {
  const { form, path, field } = props;
  const candidates = props.earlier.filter((f) => !displayOnlyKinds.includes(f.kind) && f.kind !== 'repetition' && f.kind !== 'document');
  const condition = field.condition;
  const error = form.errors[`${path}.condition`];
  const add = () => {
    const first = candidates[0];
    if (!first) return;
    const clause = { field: first.key, op: operatorsFor(first)[0]!, value: '' };
    form.setFieldValue(`${path}.condition`, condition ? { ...condition, clauses: [...condition.clauses, clause] } : { mode: 'and', clauses: [clause] });
  };
  const remove = (i: number) => {
    const clauses = condition!.clauses.filter((_, j) => j !== i);
    form.setFieldValue(`${path}.condition`, clauses.length ? { ...condition!, clauses } : undefined);
  };
  return (
    <Fieldset legend="Condition d’affichage" variant="filled">
      <Stack gap="xs">
        {!condition && <Text size="sm">Toujours affiché.</Text>}
        {condition && condition.clauses.length > 1 && (
          <SegmentedControl
            aria-label="Combiner les conditions"
            data={[
              { value: 'and', label: 'Toutes (et)' },
              { value: 'or', label: 'Au moins une (ou)' },
            ]}
            {...form.getInputProps(`${path}.condition.mode`)}
          />
        )}
        {condition?.clauses.map((clause, i) => {
          const target = candidates.find((c) => c.key === clause.field);
          const base = `${path}.condition.clauses.${i}`;
          return (
            <Group key={i} align="flex-end" gap="xs" wrap="wrap">
              <Select
                label="Si la réponse à"
                data={candidates.map((c) => ({ value: c.key, label: c.label || c.key }))}
                allowDeselect={false}
                {...form.getInputProps(`${base}.field`)}
              />
              <Select label="Opérateur" data={operatorsFor(target).map((o) => ({ value: o, label: conditionOperatorLabels[o] }))} allowDeselect={false} {...form.getInputProps(`${base}.op`)} />
              {target?.kind === 'yesno' ? (
                <Select
                  label="Valeur"
                  data={[
                    { value: 'true', label: 'Oui' },
                    { value: 'false', label: 'Non' },
                  ]}
                  value={String(clause.value)}
                  onChange={(v) => form.setFieldValue(`${base}.value`, v ?? 'true')}
                  error={form.errors[`${base}.value`]}
                />
              ) : target?.kind === 'choice' || target?.kind === 'multiple' ? (
                <Select label="Valeur" data={(target.options ?? []).filter(Boolean)} value={String(clause.value)} onChange={(v) => form.setFieldValue(`${base}.value`, v ?? '')} error={form.errors[`${base}.value`]} />
              ) : (
                <TextInput
                  label={clause.op === 'in-department' ? 'Département (code)' : target?.kind === 'euros' ? 'Valeur (€)' : 'Valeur'}
                  value={String(clause.value)}
                  onChange={(e) => form.setFieldValue(`${base}.value`, e.currentTarget.value)}
                  error={form.errors[`${base}.value`]}
                />
              )}
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Retirer la condition ${i + 1}`} onClick={() => remove(i)}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          );
        })}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <div>
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} aria-hidden />} disabled={candidates.length === 0} onClick={add}>
            Ajouter une condition
          </Button>
          {candidates.length === 0 && (
            <Text size="xs" c="dimmed">
              Une condition porte sur un champ placé avant celui-ci.
            </Text>
          )}
        </div>
      </Stack>
    </Fieldset>
  );
}
