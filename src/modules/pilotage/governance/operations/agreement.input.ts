import { z } from 'zod';

export const agreementKinds = ['framework', 'authority-establishment', 'academy-authority', 'academy-establishment'] as const;
export const agreementKindLabels: Record<(typeof agreementKinds)[number], string> = {
  framework: 'Convention cadre',
  'authority-establishment': 'Collectivité ↔ établissement',
  'academy-authority': 'Académie ↔ collectivité',
  'academy-establishment': 'Académie ↔ établissement',
};
export const serviceLevelIndicators = ['resolve_within_rate'] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date au format AAAA-MM-JJ');

export const commitmentInput = z.object({
  party: z.enum(['a', 'b'], { message: 'Partie « a » ou « b »' }),
  text: z.string().trim().min(3, 'Engagement trop court').max(500),
});

export const createAgreementInput = z.object({
  kind: z.enum(agreementKinds, { message: 'Type de convention inconnu' }),
  title: z.string().trim().min(3, 'Intitulé trop court').max(200),
  partyAId: z.string().uuid('Identifiant de partie invalide'),
  partyBId: z.string().uuid('Identifiant de partie invalide').nullable().default(null),
  establishmentId: z.string().uuid("Identifiant d'établissement invalide").nullable().default(null),
  validFrom: day,
  validTo: day.nullable().default(null),
  commitments: z.array(commitmentInput).min(1, 'Au moins un engagement').max(50),
  serviceLevels: z
    .array(z.object({ indicator: z.enum(serviceLevelIndicators, { message: 'Indicateur de niveau de service inconnu' }), target: z.number().min(0, 'Cible entre 0 et 1').max(1, 'Cible entre 0 et 1') }))
    .max(5)
    .default([]),
});
export type CreateAgreementInput = z.input<typeof createAgreementInput>;

/** The whole agreement again, with the version read (its parties are checked as at creation). */
export const updateAgreementInput = createAgreementInput.extend({ version: z.number().int('Version invalide').positive('Version invalide').max(2_147_483_647, 'Version invalide') });
export type UpdateAgreementInput = z.input<typeof updateAgreementInput>;
