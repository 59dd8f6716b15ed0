import { z } from 'zod';

/*
 * What the instructor groups' routes accept, in a browser-safe file: the campaign page's group
 * form validates with these very schemas (zod only, no server code in the bundle).
 */

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const valueChecks: Record<'unit' | 'department' | 'nature', [RegExp, string]> = {
  unit: [uuidLike, 'Unité territoriale inconnue.'],
  department: [/^(\d{2,3}|2A|2B)$/, 'Département : son code (59, 2A, 974).'],
  nature: [/^[0-9]{3}$/, 'Code nature : 3 chiffres.'],
};

/** One routing rule: files of these units, départements or natures, or whose answer to a field is one of the values. */
export const routingRuleInput = z
  .object({
    on: z.enum(['unit', 'department', 'nature', 'answer'], { error: 'Critère : unité, département, nature ou réponse.' }),
    values: z.array(z.string().trim().min(1, 'Une valeur vide.').max(200)).min(1, 'Indiquez au moins une valeur.').max(200, '200 valeurs au plus.'),
    field: z.string().trim().max(100).optional(),
  })
  .superRefine((rule, c) => {
    if (rule.on === 'answer') {
      if (!rule.field) c.addIssue({ code: 'custom', path: ['field'], message: 'Choisissez le champ du formulaire dont la réponse route le dossier.' });
      return;
    }
    const [pattern, message] = valueChecks[rule.on];
    const bad = rule.values.findIndex((v) => !pattern.test(v));
    if (bad >= 0) c.addIssue({ code: 'custom', path: ['values'], message: `${message} (« ${rule.values[bad]} »)` });
  });
export type RoutingRuleInput = z.infer<typeof routingRuleInput>;

export const instructorGroupFields = {
  name: z.string().trim().min(1, 'Nommez le groupe.').max(200, '200 caractères au plus.'),
  /** Lower first: the first group whose rules all hold takes the file. */
  priority: z.number({ error: 'Un nombre entier.' }).int('Un nombre entier.').min(0, 'Priorité : 0 au moins.').max(1000, 'Priorité : 1 000 au plus.').default(0),
  /** Takes the files no rule routes. */
  isDefault: z.boolean().default(false),
  rules: z.array(routingRuleInput).max(20, '20 règles au plus.').default([]),
  memberUserIds: z.array(z.string().regex(uuidLike, 'Personne inconnue.')).max(200, '200 membres au plus.').default([]),
};

export const createInstructorGroupInput = z.object(instructorGroupFields);
export type CreateInstructorGroupInput = z.infer<typeof createInstructorGroupInput>;

/** The same, with the group's version read: a colleague's change in between is a 409. */
export const updateInstructorGroupInput = z.object({ ...instructorGroupFields, version: z.number().int() });
export type UpdateInstructorGroupInput = z.infer<typeof updateInstructorGroupInput>;
