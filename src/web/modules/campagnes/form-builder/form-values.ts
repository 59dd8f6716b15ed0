import { z } from 'zod';
import { formFieldsSchema, type FieldKind, type FormField } from '../../../../shared/campaign-form';

/**
 * What the builder edits: the shared form fields, with numbers possibly blank ('') while typed
 * and options possibly holding an empty line. `toForm` turns them into the body the server
 * parses with the same zod schema (`formFieldsSchema`), so errors land on the same paths.
 */
export type EditField = Omit<FormField, 'min' | 'max' | 'maxLength' | 'maxBytes' | 'children'> & {
  min?: number | '';
  max?: number | '';
  maxLength?: number | '';
  maxBytes?: number | '';
  children?: EditField[];
};

export interface BuilderValues {
  fields: EditField[];
  annotationFields: EditField[];
}

export const numericKinds: readonly FieldKind[] = ['integer', 'decimal', 'euros'];
export const textKinds: readonly FieldKind[] = ['text', 'textarea'];
export const choiceKinds: readonly FieldKind[] = ['choice', 'multiple'];

const blankToUndefined = (v: number | '' | undefined) => (v === '' || v === undefined ? undefined : v);

/** A condition's value typed like the answer it is compared with (a number, yes/no, or text). */
function clauseValue(target: EditField | undefined, op: string, value: unknown): string | number | boolean {
  if (target && numericKinds.includes(target.kind) && op !== 'contains' && value !== '' && !Number.isNaN(Number(value))) {
    return target.kind === 'euros' ? Math.round(Number(value) * 100) : Number(value);
  }
  if (target?.kind === 'yesno' && op === 'equals') return value === true || value === 'true' || value === 'oui';
  return typeof value === 'string' ? value : String(value ?? '');
}

export function toField(field: EditField, earlier: EditField[]): FormField {
  const out: FormField = { key: field.key.trim(), kind: field.kind, label: field.label };
  if (field.description?.trim()) out.description = field.description.trim();
  if (field.required) out.required = true;
  if (field.personal) out.personal = true;
  if (choiceKinds.includes(field.kind)) out.options = (field.options ?? []).map((o) => o.trim()).filter(Boolean);
  if (numericKinds.includes(field.kind)) {
    const scale = field.kind === 'euros' ? 100 : 1;
    const min = blankToUndefined(field.min);
    const max = blankToUndefined(field.max);
    if (min !== undefined) out.min = Math.round(min * scale);
    if (max !== undefined) out.max = Math.round(max * scale);
  }
  if (textKinds.includes(field.kind) && blankToUndefined(field.maxLength) !== undefined) out.maxLength = field.maxLength as number;
  if (field.kind === 'document' && blankToUndefined(field.maxBytes) !== undefined) out.maxBytes = Math.round((field.maxBytes as number) * 1024 * 1024);
  if (field.kind === 'repetition') {
    const children = field.children ?? [];
    out.children = children.map((c, i) => toField(c, children.slice(0, i)));
  }
  if (field.condition?.clauses.length) {
    out.condition = {
      mode: field.condition.mode,
      clauses: field.condition.clauses.map((c) => ({ ...c, value: clauseValue(earlier.find((e) => e.key === c.field), c.op, c.value) })),
    };
  }
  return out;
}

/** The body of `PUT /campaigns/{campaign}/form` (without its version). */
export function toForm(values: BuilderValues): { fields: FormField[]; annotationFields: FormField[] } {
  const convert = (list: EditField[]) => list.map((f, i) => toField(f, list.slice(0, i)));
  return { fields: convert(values.fields), annotationFields: convert(values.annotationFields) };
}

/** The server's fields back into the builder: amounts shown in euros, sizes in megabytes. */
export function fromFields(fields: FormField[]): EditField[] {
  return fields.map((field, i) => {
    const scale = field.kind === 'euros' ? 100 : 1;
    const target = (key: string) => fields.slice(0, i).find((f) => f.key === key);
    return {
      ...field,
      min: field.min === undefined ? '' : field.min / scale,
      max: field.max === undefined ? '' : field.max / scale,
      maxLength: field.maxLength ?? '',
      maxBytes: field.maxBytes === undefined ? '' : field.maxBytes / 1024 / 1024,
      condition: field.condition && {
        ...field.condition,
        clauses: field.condition.clauses.map((c) => ({ ...c, value: target(c.field)?.kind === 'euros' && typeof c.value === 'number' ? c.value / 100 : c.value })),
      },
      children: field.children && fromFields(field.children),
    };
  });
}

/** The zod schema the builder validates with: the server's own, on the converted body. */
export const builderSchema = z.object({ fields: formFieldsSchema, annotationFields: formFieldsSchema });

/** A fresh field of a kind, with a key free in the list. */
export function newField(kind: FieldKind, taken: string[]): EditField {
  let n = taken.length + 1;
  while (taken.includes(`champ_${n}`)) n++;
  const field: EditField = { key: `champ_${n}`, kind, label: '' };
  if (choiceKinds.includes(kind)) field.options = ['Option 1', 'Option 2'];
  if (kind === 'repetition') field.children = [{ key: 'element', kind: 'text', label: 'Élément' }];
  return field;
}
