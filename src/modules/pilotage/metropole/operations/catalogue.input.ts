import { z } from 'zod';

export const serviceCodes = ['workstation-maintenance', 'assistance', 'wifi', 'ent', 'interactive-displays'] as const;
export const serviceCodeLabels: Record<(typeof serviceCodes)[number], string> = {
  'workstation-maintenance': 'Maintenance des postes',
  assistance: 'Assistance aux utilisateurs',
  wifi: 'Wi-Fi des écoles',
  ent: 'ENT',
  'interactive-displays': 'Écrans numériques interactifs',
};

/** A yearly cost in whole cents; the form fills it in euros, so the words speak of the amount in euros. */
const cents = (what: string) =>
  z
    .number({ message: `Indiquez le ${what} en euros (0 si le service ne le facture pas).` })
    .int('Montant au centime près')
    .min(0, 'Le montant ne peut pas être négatif.')
    .max(100_000_00, 'Montant trop élevé (au plus 100 000 €).');

export const createServiceInput = z.object({
  code: z.enum(serviceCodes, { message: 'Service inconnu du catalogue' }),
  name: z.string({ message: 'Indiquez le nom affiché du service.' }).trim().min(2, 'Nom trop court (au moins 2 caractères).').max(120, 'Nom trop long (au plus 120 caractères).'),
  ticketCategories: z
    .array(z.string({ message: 'Catégorie de ticket invalide' }).trim().min(1, 'Catégorie de ticket vide').max(60, 'Catégorie de ticket trop longue (au plus 60 caractères).'), {
      message: 'Indiquez les catégories de tickets mesurées.',
    })
    .min(1, 'Au moins une catégorie de ticket mesure ce service')
    .max(10, 'Au plus 10 catégories de tickets.'),
  resolveWithinTarget: z.number({ message: 'Indiquez le niveau promis (en %).' }).min(0, 'Cible entre 0 et 1').max(1, 'Cible entre 0 et 1'),
  costPerDeviceCents: cents('coût par équipement'),
  costPerPupilCents: cents('coût par élève'),
});
export type CreateServiceInput = z.input<typeof createServiceInput>;

export const createCycleInput = z.object({
  year: z.number({ message: 'Indiquez l’année du cycle (par exemple 2027).' }).int('Année entière attendue').min(2000, 'Année entre 2000 et 2100').max(2100, 'Année entre 2000 et 2100'),
  label: z.string({ message: 'Indiquez le libellé du cycle.' }).trim().min(2, 'Libellé trop court (au moins 2 caractères).').max(120, 'Libellé trop long (au plus 120 caractères).'),
});

const version = z.number({ message: 'Version invalide' }).int('Version invalide').positive('Version invalide').max(2_147_483_647, 'Version invalide');

/**
 * A commune's answer. `version`: the answer's version read (the page always sends it, so of two
 * managers editing the same commune the second gets a 409); absent, the answer is recorded over
 * whatever is there (a first answer, or an integration that means to set it).
 */
export const membershipInput = z.object({
  inseeCode: z.string({ message: 'Code INSEE sur 5 caractères' }).regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code INSEE sur 5 caractères'),
  cycleId: z.uuid({ message: 'Identifiant de cycle invalide' }),
  status: z.enum(['joined', 'refused'], { message: 'Réponse « joined » ou « refused »' }),
  costSplit: z.enum(['devices', 'pupils'], { message: 'Répartition par équipements ou par élèves' }),
  version: version.optional(),
});
export type MembershipInput = z.input<typeof membershipInput>;

/** The services taken; `version`: the commune's answer's version read, as for the answer itself. */
export const subscriptionsInput = z.object({
  serviceIds: z.array(z.uuid('Identifiant de service invalide'), { message: 'Liste de services attendue' }).max(20, 'Au plus 20 services.'),
  version: version.optional(),
});

/** A service's levels and unit costs changed (its code stays: the subscriptions name it). */
export const updateServiceInput = createServiceInput.omit({ code: true }).extend({ version });
export type UpdateServiceInput = z.input<typeof updateServiceInput>;
export const updateCycleInput = createCycleInput.pick({ label: true }).extend({ version });
export type UpdateCycleInput = z.input<typeof updateCycleInput>;
