import { z } from 'zod';

/** The works a plan proposes, and their French names (the web's tables and forms show them). */
export const operationKinds = ['add_devices', 'renew_pcs', 'wifi_rooms', 'cabling', 'link_upgrade', 'interactive_displays'] as const;
export type OperationKind = (typeof operationKinds)[number];

export const operationLabels: Record<OperationKind, string> = {
  add_devices: 'Équipements supplémentaires',
  renew_pcs: 'Renouvellement de postes',
  wifi_rooms: 'Wi-Fi de salles',
  cabling: 'Câblage de salles',
  link_upgrade: 'Montée du lien internet à 100 Mbit/s',
  interactive_displays: 'Écrans interactifs',
};

const cents = z.number().int().min(0).max(1e13);
export const createScenarioInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    startYear: z.number().int().min(2000).max(2100),
    yearCount: z.number().int().min(1).max(15),
    yearlyCeilingsCents: z.array(cents).min(1).max(15),
    baselineId: z.string().uuid().nullable().default(null),
  })
  .refine((s) => s.yearlyCeilingsCents.length === s.yearCount, { message: 'Un plafond par année du plan.', path: ['yearlyCeilingsCents'] });

export const scenarioParams = z.object({ id: z.string().uuid() });
export const operationParams = z.object({ id: z.string().uuid(), operationId: z.string().uuid() });
export const moveOperationInput = z.object({
  year: z.number('Choisissez une année').int('Année invalide').min(2000, 'Année invalide').max(2100, 'Année invalide').nullable(),
  version: z.number().int().min(1),
});

export const financingSources = ['own', 'feder', 'eib', 'partner'] as const;
const amount = z.number('Montant requis').int('Montant au centime près').min(0, 'Montant positif').max(1e13, 'Montant trop élevé');
export const financingLineInput = z.object({
  source: z.enum(financingSources, { message: 'Source de financement inconnue' }),
  partnerName: z.string().trim().min(1, 'Nommez le partenaire').max(120, 'Nom trop long').nullable().default(null),
  amountCents: amount,
});
export const setFinancingInput = z.object({
  lines: z
    .array(financingLineInput)
    .min(1, 'Au moins une ligne de financement')
    .max(10, 'Dix lignes au plus')
    .superRefine((lines, check) =>
      lines.forEach((l, i) => {
        if (l.source === 'partner' && !l.partnerName) check.addIssue({ code: 'custom', path: [i, 'partnerName'], message: 'Nommez le partenaire de cette ligne' });
      }),
    ),
});
export const splitFinancingInput = z.object({
  shares: z
    .array(z.object({ source: z.enum(financingSources), partnerName: z.string().trim().min(1).max(120).nullable().default(null), percent: z.number().min(0).max(100) }))
    .min(1)
    .max(10)
    .refine((list) => Math.abs(list.reduce((s, l) => s + l.percent, 0) - 100) < 1e-9, 'Les parts du financement doivent faire 100 %.'),
});
export const compareInput = z.object({ ids: z.string().transform((s) => s.split(',').filter(Boolean)).pipe(z.array(z.string().uuid()).min(1).max(4)) });
/** The operations list's filter: a year of the plan, or `unscheduled` for those out of it. */
export const operationFilterInput = z.object({
  year: z
    .union([z.literal('unscheduled'), z.coerce.number().int().min(2000).max(2100)], { message: 'Année attendue (par exemple 2027) ou « unscheduled » pour les opérations hors plan.' })
    .optional(),
});
export const financingLabels: Record<string, string> = { own: 'Fonds propres', feder: 'FEDER', eib: 'Prêt BEI', partner: 'Partenaires' };
