import { z } from 'zod';

export const serviceCodes = ['workstation-maintenance', 'assistance', 'wifi', 'ent', 'interactive-displays'] as const;
export const serviceCodeLabels: Record<(typeof serviceCodes)[number], string> = {
  'workstation-maintenance': 'Maintenance des postes',
  assistance: 'Assistance aux utilisateurs',
  wifi: 'Wi-Fi des écoles',
  ent: 'ENT',
  'interactive-displays': 'Écrans numériques interactifs',
};

const cents = z.number().int('Montant en centimes entiers').min(0, 'Montant positif').max(100_000_00, 'Montant trop élevé');

export const createServiceInput = z.object({
  code: z.enum(serviceCodes, { message: 'Service inconnu du catalogue' }),
  name: z.string().trim().min(2, 'Nom trop court').max(120),
  ticketCategories: z.array(z.string().trim().min(1).max(60)).min(1, 'Au moins une catégorie de ticket mesure ce service').max(10),
  resolveWithinTarget: z.number().min(0, 'Cible entre 0 et 1').max(1, 'Cible entre 0 et 1'),
  costPerDeviceCents: cents,
  costPerPupilCents: cents,
});
export type CreateServiceInput = z.input<typeof createServiceInput>;

export const createCycleInput = z.object({
  year: z.number().int().min(2000, 'Année invalide').max(2100, 'Année invalide'),
  label: z.string().trim().min(2, 'Libellé trop court').max(120),
});

const version = z.number().int('Version invalide').positive('Version invalide').max(2_147_483_647, 'Version invalide');

/**
 * A commune's answer. `version`: the answer's version read (the page always sends it, so of two
 * managers editing the same commune the second gets a 409); absent, the answer is recorded over
 * whatever is there (a first answer, or an integration that means to set it).
 */
export const membershipInput = z.object({
  inseeCode: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code INSEE sur 5 caractères'),
  cycleId: z.uuid('Identifiant de cycle invalide'),
  status: z.enum(['joined', 'refused'], { message: 'Réponse « joined » ou « refused »' }),
  costSplit: z.enum(['devices', 'pupils'], { message: 'Répartition par équipements ou par élèves' }),
  version: version.optional(),
});
export type MembershipInput = z.input<typeof membershipInput>;

/** The services taken; `version`: the commune's answer's version read, as for the answer itself. */
export const subscriptionsInput = z.object({ serviceIds: z.array(z.uuid('Identifiant de service invalide')).max(20), version: version.optional() });

/** A service's levels and unit costs changed (its code stays: the subscriptions name it). */
export const updateServiceInput = createServiceInput.omit({ code: true }).extend({ version });
export type UpdateServiceInput = z.input<typeof updateServiceInput>;
export const updateCycleInput = createCycleInput.pick({ label: true }).extend({ version });
export type UpdateCycleInput = z.input<typeof updateCycleInput>;
