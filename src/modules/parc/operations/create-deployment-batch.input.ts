import { z } from 'zod';
import { assetClasses } from '../../../shared/fleet.js';

/*
 * What POST /api/deployments accepts, in its own file: the web's delivery form validates with this
 * very schema, so it imports zod and src/shared only (no server code in the browser bundle).
 */
export const maxBatchSize = 5000;

export const createDeploymentInput = z
  .object({
    uai: z.string().trim().min(1, 'Choisissez le site livré.').max(20),
    label: z.string().trim().min(1, 'Donnez un libellé (par exemple « Vague 1 — salles informatiques »).').max(200, 'Au plus 200 caractères.'),
    assetClass: z.enum(assetClasses).default('desktop'),
    /** Devices the site should receive; defaults to the number of serials. */
    expectedCount: z.number().int('Un nombre entier.').min(1, 'Au moins 1.').max(maxBatchSize, `Au plus ${maxBatchSize}.`).optional(),
    deliveredAt: z.iso.datetime({ offset: true, message: 'Indiquez la date de livraison.' }),
    deadlineHours: z.number().int('Un nombre entier d’heures.').min(1, 'Au moins 1 heure.').max(24 * 90, 'Au plus 90 jours.').default(48),
    orderReference: z.string().trim().min(1).max(100, 'Au plus 100 caractères.').optional(),
    /** The planned deployment this delivery serves (the quantities granted on a renewal file). */
    planId: z.uuid('Déploiement prévu inconnu.').optional(),
    /** The serial numbers of the delivery note (may come later for a part of them). */
    serials: z.array(z.string().max(100)).max(maxBatchSize).default([]),
  })
  .refine((d) => d.expectedCount !== undefined || d.serials.length > 0, {
    path: ['expectedCount'],
    message: 'Indiquez le nombre d’équipements attendus ou collez les numéros de série.',
  });
export type CreateDeploymentInput = z.infer<typeof createDeploymentInput>;
