import { z } from 'zod';

/**
 * What PATCH /api/establishments/{uai} accepts, in its own file: the web's edit form validates with
 * this very schema, so this file imports zod and nothing else (no server code in the browser bundle).
 */
const text = (max: number) => z.string().trim().max(max);

/** Digits, spaces, dots, dashes, brackets, a leading « + »: how French numbers are written, never letters. */
export const phoneNumber = text(30).regex(/^\+?[0-9 .()-]{6,}$/, 'Numéro de téléphone invalide : chiffres, espaces, points ou tirets (par exemple 03 20 12 34 56).');

export const updateEstablishmentInput = z.object({
  version: z.number().int().min(1),
  name: text(200).min(1, 'Le nom est obligatoire.').optional(),
  address: text(300).nullable().optional(),
  postalCode: z.string().regex(/^[0-9]{5}$/, 'Code postal sur 5 chiffres').nullable().optional(),
  communeName: text(120).nullable().optional(),
  communeCode: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code INSEE sur 5 caractères').nullable().optional(),
  phone: phoneNumber.nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  pupils: z
    .number()
    .int('Un nombre entier d’élèves.')
    .min(0, 'Le nombre d’élèves ne peut pas être négatif.')
    .max(20000, 'Au plus 20 000 élèves.')
    .nullable()
    .optional(),
  priorityEducation: z.enum(['REP', 'REP+']).nullable().optional(),
  isOpen: z.boolean().optional(),
  unitId: z.uuid().nullable().optional(),
});
export type UpdateEstablishmentInput = z.infer<typeof updateEstablishmentInput>;
