import { z } from 'zod';

/**
 * A campaign's form: its fields, their conditions, and the one validator of answers run by the
 * server (on save and on submit) and by the web (errors shown on each field). Pure: the UAI's check
 * letter comes from the référentiel, passed in by the caller (`checks.uai`).
 */

export const fieldKinds = [
  'section',
  'explanation',
  'text',
  'textarea',
  'integer',
  'decimal',
  'euros',
  'date',
  'yesno',
  'choice',
  'multiple',
  'email',
  'phone',
  'siret',
  'uai',
  'establishment',
  'address',
  'repetition',
  'document',
] as const;
export type FieldKind = (typeof fieldKinds)[number];

export const fieldKindLabels: Record<FieldKind, string> = {
  section: 'Section',
  explanation: 'Explication',
  text: 'Texte court',
  textarea: 'Texte long',
  integer: 'Nombre entier',
  decimal: 'Nombre décimal',
  euros: 'Montant en euros',
  date: 'Date',
  yesno: 'Oui / non',
  choice: 'Choix unique',
  multiple: 'Choix multiples',
  email: 'Adresse e-mail',
  phone: 'Téléphone',
  siret: 'SIRET',
  uai: 'UAI',
  establishment: 'Établissement',
  address: 'Adresse',
  repetition: 'Bloc répétable',
  document: 'Pièce justificative',
};

/** Kinds that only show text: they take no answer. */
export const displayOnlyKinds: readonly FieldKind[] = ['section', 'explanation'];

export const conditionOperators = ['equals', 'greater', 'contains', 'in-department'] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

export const conditionOperatorLabels: Record<ConditionOperator, string> = {
  equals: 'est égal à',
  greater: 'est supérieur à',
  contains: 'contient',
  'in-department': 'est dans le département',
};

export const clauseSchema = z.object({
  field: z.string().min(1),
  op: z.enum(conditionOperators),
  value: z.union([z.string(), z.number(), z.boolean()]),
});
export type Clause = z.infer<typeof clauseSchema>;

export const conditionSchema = z.object({ mode: z.enum(['and', 'or']), clauses: z.array(clauseSchema).min(1).max(20) });
export type Condition = z.infer<typeof conditionSchema>;

const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Clé : lettres minuscules, chiffres et _ (40 au plus), commençant par une lettre.');

const baseField = {
  key: keySchema,
  label: z.string().trim().min(1, 'Donnez un libellé au champ.').max(300),
  description: z.string().max(2000).optional(),
  required: z.boolean().optional(),
  options: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().max(100_000).optional(),
  /** Document fields: the largest file accepted (20 MB by default). */
  maxBytes: z.number().int().positive().max(100 * 1024 * 1024).optional(),
  /** Personal data (identity, income, tax notice): left out of partners' and readers' exports. */
  personal: z.boolean().optional(),
  condition: conditionSchema.optional(),
};

export interface FormField {
  key: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required?: boolean;
  options?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  maxBytes?: number;
  personal?: boolean;
  condition?: Condition;
  children?: FormField[];
}

/** Within one list of fields (a form, or a repeated block's fields): unique keys, choices with options, conditions only over earlier fields. */
function checkFieldList(fields: readonly FormField[], issue: z.RefinementCtx) {
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) issue.addIssue({ code: 'custom', path: [i, 'key'], message: `La clé « ${field.key} » est déjà prise.` });
    if ((field.kind === 'choice' || field.kind === 'multiple') && !field.options?.length)
      issue.addIssue({ code: 'custom', path: [i, 'options'], message: 'Un choix a besoin d’au moins une option.' });
    for (const clause of field.condition?.clauses ?? [])
      if (!seen.has(clause.field))
        issue.addIssue({ code: 'custom', path: [i, 'condition'], message: `La condition porte sur « ${clause.field} », qui n’est pas un champ placé avant.` });
    seen.add(field.key);
  });
}

const leafField = z.object({ ...baseField, kind: z.enum(fieldKinds).exclude(['repetition']) });
export const formFieldSchema: z.ZodType<FormField> = z.union([
  leafField,
  // a block's fields are shown on conditions over the fields placed before them in the same block
  z.object({ ...baseField, kind: z.literal('repetition'), children: z.array(leafField).min(1).max(50).superRefine(checkFieldList) }),
]);

export const defaultDocumentBytes = 20 * 1024 * 1024;

/** A whole form: unique keys, choices with options, conditions only over earlier fields. */
export const formFieldsSchema = z
  .array(formFieldSchema)
  .max(300)
  .superRefine(checkFieldList);

export type Answers = Record<string, unknown>;

export interface AnswerIssue {
  path: string;
  message: string;
}

export interface AnswerChecks {
  /** The référentiel's UAI check (7 digits and the check letter): a message when wrong. */
  uai?: (value: string) => string | null;
  /** The département of a chosen establishment or of an address answer (in-department conditions). */
  departmentOf?: (value: unknown) => string | null;
}

const departmentOfDefault = (value: unknown): string | null => {
  if (value && typeof value === 'object' && 'postalCode' in value) {
    const code = String((value as { postalCode: unknown }).postalCode ?? '');
    if (/^97/.test(code)) return code.slice(0, 3);
    if (/^20/.test(code)) return Number(code) < 20200 ? '2A' : '2B';
    return code.slice(0, 2) || null;
  }
  if (value && typeof value === 'object' && 'departmentCode' in value) return String((value as { departmentCode: unknown }).departmentCode ?? '') || null;
  return null;
};

function clauseHolds(clause: Clause, answers: Answers, checks: AnswerChecks): boolean {
  const value = answers[clause.field];
  if (value === undefined || value === null || value === '') return false;
  switch (clause.op) {
    case 'equals':
      return Array.isArray(value) ? value.map(String).includes(String(clause.value)) : String(value) === String(clause.value);
    case 'greater':
      return typeof value === 'number' && value > Number(clause.value);
    case 'contains':
      if (Array.isArray(value)) return value.map(String).includes(String(clause.value));
      return String(value).toLowerCase().includes(String(clause.value).toLowerCase());
    case 'in-department':
      return (checks.departmentOf ?? departmentOfDefault)(value) === String(clause.value).toUpperCase();
  }
}

/** Whether a field is shown, given the answers to the fields before it. */
export function fieldVisible(field: FormField, answers: Answers, checks: AnswerChecks = {}): boolean {
  if (!field.condition) return true;
  const results = field.condition.clauses.map((c) => clauseHolds(c, answers, checks));
  return field.condition.mode === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/** SIRET: 14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments excepted by INSEE, not here). */
export function siretValid(value: string): boolean {
  if (!/^[0-9]{14}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(value[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const addressSchema = z.object({
  street: z.string().trim().min(1, 'Indiquez la rue.').max(300),
  postalCode: z.string().regex(/^[0-9]{5}$/, 'Code postal : 5 chiffres.'),
  city: z.string().trim().min(1, 'Indiquez la commune.').max(200),
});

const documentAnswer = z.object({ documentId: z.string().uuid(), filename: z.string() });

/** The zod schema of one answer, by kind (null: the field takes no answer). */
function answerSchema(field: FormField, checks: AnswerChecks): z.ZodType | null {
  const bounded = (s: z.ZodNumber) => {
    let out = s;
    if (field.min !== undefined) out = out.min(field.min, `Au moins ${field.min}.`);
    if (field.max !== undefined) out = out.max(field.max, `Au plus ${field.max}.`);
    return out;
  };
  switch (field.kind) {
    case 'section':
    case 'explanation':
      return null;
    case 'text':
      return z.string().max(field.maxLength ?? 500, `${field.maxLength ?? 500} caractères au plus.`);
    case 'textarea':
      return z.string().max(field.maxLength ?? 20_000, `${field.maxLength ?? 20_000} caractères au plus.`);
    case 'integer':
      return bounded(z.number({ error: 'Un nombre entier est attendu.' }).int('Un nombre entier est attendu.'));
    case 'decimal':
      return bounded(z.number({ error: 'Un nombre est attendu.' }));
    case 'euros':
      // amounts in euro cents
      return bounded(z.number({ error: 'Un montant est attendu.' }).int('Montant en centimes entiers.').nonnegative('Un montant ne peut pas être négatif.'));
    case 'date':
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue (AAAA-MM-JJ).');
    case 'yesno':
      return z.boolean({ error: 'Répondez oui ou non.' });
    case 'choice':
      return z.string().refine((v) => field.options?.includes(v), 'Choisissez une des options proposées.');
    case 'multiple':
      return z.array(z.string()).refine((v) => v.every((o) => field.options?.includes(o)), 'Choisissez parmi les options proposées.');
    case 'email':
      return z.email('Adresse e-mail invalide.');
    case 'phone':
      return z.string().regex(/^(\+33 ?|0)[1-9]([ .-]?[0-9]{2}){4}$/, 'Numéro de téléphone invalide (10 chiffres, ou +33).');
    case 'siret':
      return z.string().refine((v) => siretValid(v.replace(/\s/g, '')), 'SIRET invalide : 14 chiffres dont la clé de Luhn doit être juste.');
    case 'uai':
      return z.string().superRefine((v, ctx) => {
        const message = checks.uai ? checks.uai(v) : /^[0-9]{7}[A-Za-z]$/.test(v.trim()) ? null : "UAI invalide : il faut 7 chiffres suivis d'une lettre.";
        if (message) ctx.addIssue({ code: 'custom', message });
      });
    case 'establishment':
      return z.object({ id: z.string().uuid(), uai: z.string(), name: z.string(), departmentCode: z.string().nullable().optional() }, { error: 'Choisissez un établissement.' });
    case 'address':
      return addressSchema;
    case 'document':
      return documentAnswer;
    case 'repetition':
      return z.array(z.record(z.string(), z.unknown())).max(200, '200 blocs au plus.');
  }
}

const empty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function check(fields: FormField[], answers: Answers, options: { complete: boolean; checks: AnswerChecks; prefix: string }): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  for (const field of fields) {
    const path = options.prefix + field.key;
    if (displayOnlyKinds.includes(field.kind) || !fieldVisible(field, answers, options.checks)) continue;
    const value = answers[field.key];
    if (empty(value)) {
      if (options.complete && field.required) issues.push({ path, message: `« ${field.label} » est obligatoire.` });
      continue;
    }
    const parsed = answerSchema(field, options.checks)!.safeParse(value);
    if (!parsed.success) {
      issues.push({ path, message: parsed.error.issues[0]?.message ?? 'Réponse invalide.' });
      continue;
    }
    if (field.kind === 'repetition')
      (value as Answers[]).forEach((block, i) =>
        issues.push(...check(field.children ?? [], block, { ...options, prefix: `${path}.${i}.` })),
      );
  }
  return issues;
}

/**
 * The answers' problems, each on its field's path (`budget`, `equipe.2.nom`). A draft is checked
 * for what it holds; `complete` (submitting) also asks for the required fields that are shown.
 * Answers to hidden fields and to fields of another version are kept, never checked.
 */
export function validateAnswers(fields: FormField[], answers: Answers, options: { complete: boolean; checks?: AnswerChecks }): AnswerIssue[] {
  return check(fields, answers, { complete: options.complete, checks: options.checks ?? {}, prefix: '' });
}

/** Every field that takes an answer, repetition children included, for exports (`bloc.enfant`). */
export function answerColumns(fields: FormField[]): { key: string; label: string; field: FormField; parent?: FormField }[] {
  return fields.flatMap((f) =>
    displayOnlyKinds.includes(f.kind) ? [] : [{ key: f.key, label: f.label, field: f }],
  );
}
