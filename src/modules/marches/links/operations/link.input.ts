import { z } from 'zod';

/* What the link routes accept, in a file the web's forms import too (zod only, no server code). */
export const linkTechnologies = ['fibre', 'adsl', 'vdsl', 'sdsl', 'satellite', 'mobile'] as const;
export const linkTechnologyLabels: Record<(typeof linkTechnologies)[number], string> = {
  fibre: 'Fibre',
  adsl: 'ADSL',
  vdsl: 'VDSL',
  sdsl: 'SDSL',
  satellite: 'Satellite',
  mobile: '4G/5G',
};

const day = z.iso.date({ message: 'Une date au format AAAA-MM-JJ.' });
const cents = z.number().int('Un montant entier en centimes.').min(0, 'Un montant positif.').max(1_000_000_000, 'Montant trop élevé.');
const mbps = z.number().int('Un débit entier en Mbit/s.').min(0, 'Un débit positif.').max(100_000, 'Au plus 100 000 Mbit/s.');

export const linkFields = z.object({
  operator: z.string().trim().min(1, 'Indiquez l’opérateur.').max(100, 'Au plus 100 caractères.'),
  technology: z.enum(linkTechnologies, { message: 'Technologie inconnue (fibre, ADSL, VDSL, SDSL, satellite, 4G/5G).' }),
  symmetric: z.boolean(),
  downMbps: mbps,
  upMbps: mbps,
  monthlyCostCents: cents,
  setupFeeCents: cents.default(0),
  contractId: z.uuid().nullable().default(null),
  lotId: z.uuid().nullable().default(null),
  monthlyPriceItemId: z.uuid().nullable().default(null),
  setupPriceItemId: z.uuid().nullable().default(null),
});

/** A new link for a site: the site's current link, if any, ends the day before this one starts. */
export const recordLinkInput = linkFields.extend({
  uai: z.string().trim().min(1, 'Choisissez le site.').max(20),
  startDate: day,
  endDate: day.nullable().default(null),
});
export type RecordLinkInput = z.infer<typeof recordLinkInput>;

export const updateLinkInput = linkFields.partial().extend({
  startDate: day.optional(),
  endDate: day.nullable().optional(),
  version: z.number().int().min(1),
});
export type UpdateLinkInput = z.infer<typeof updateLinkInput>;

export const findLinksInput = z.object({
  uai: z.string().trim().max(20).optional(),
  technology: z.enum(linkTechnologies).optional(),
  operator: z.string().trim().max(100).optional(),
  contractId: z.uuid().optional(),
  /** Current links only (default), or every period. */
  history: z.enum(['true', 'false']).default('false'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type FindLinksInput = z.infer<typeof findLinksInput>;

export const linkSavingsInput = z.object({ contractId: z.uuid().optional(), uai: z.string().trim().max(20).optional() });
export const linkSettingsInput = z.object({ schoolSharePercent: z.number().int('Un pourcentage entier.').min(0, 'Entre 0 et 100.').max(100, 'Entre 0 et 100.') });
