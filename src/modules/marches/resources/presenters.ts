import { z } from 'zod';
import type { Actor } from '../../../server/platform/authz.js';
import { can } from '../../../server/platform/authz.js';
import type { resourceChoices, resourceTitles } from './db/schema.js';

export const resourceTitleSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  contractReference: z.string().optional(),
  lotId: z.string(),
  priceItemId: z.string().nullable(),
  title: z.string(),
  publisher: z.string(),
  levels: z.array(z.string()),
  pricePerLicenceCents: z.number(),
  throughGar: z.boolean(),
  digital: z.boolean(),
  /** No digital version: the school may buy it on paper from its reserves. */
  paperOnly: z.boolean(),
});

export function presentTitle(t: typeof resourceTitles.$inferSelect & { contractReference?: string }) {
  return { id: t.id, contractId: t.contractId, contractReference: t.contractReference, lotId: t.lotId, priceItemId: t.priceItemId, title: t.title, publisher: t.publisher, levels: t.levels, pricePerLicenceCents: t.pricePerLicenceCents, throughGar: t.throughGar, digital: t.digital, paperOnly: !t.digital };
}

export const resourceChoiceSchema = z.object({
  id: z.string().nullable(),
  titleId: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  digital: z.boolean(),
  uai: z.string(),
  establishmentName: z.string(),
  level: z.string(),
  quantity: z.number(),
  amountCents: z.number(),
  orderId: z.string().nullable(),
  chosenBy: z.string().nullable(),
  can: z.object({ change: z.boolean() }),
});

interface ChoiceRow {
  choice: typeof resourceChoices.$inferSelect;
  title: string;
  publisher: string;
  digital: boolean;
  pricePerLicenceCents: number;
  uai: string;
  establishmentName: string;
}

export function presentChoice(r: ChoiceRow, actor: Actor) {
  return {
    id: r.choice.id,
    titleId: r.choice.titleId,
    title: r.title,
    publisher: r.publisher,
    digital: r.digital,
    uai: r.uai,
    establishmentName: r.establishmentName,
    level: r.choice.level,
    quantity: r.choice.quantity,
    amountCents: r.choice.quantity * r.pricePerLicenceCents,
    orderId: r.choice.orderId,
    chosenBy: r.choice.chosenBy,
    can: { change: !r.choice.orderId && can(actor, 'resource.choose') },
  };
}

export const licencesSchema = z.object({
  contractId: z.string(),
  contractReference: z.string(),
  schools: z.array(
    z.object({
      uai: z.string(),
      name: z.string(),
      /** The pupils licences are counted for: the référentiel's head count, else the school's declared one. */
      pupils: z.number(),
      pupilsSource: z.enum(['referentiel', 'declared']).nullable(),
      declaredPupils: z.number().nullable(),
      declaredByLevel: z.string().nullable(),
      licences: z.number(),
      ordered: z.number(),
      paperTitles: z.number(),
      amountCents: z.number(),
      licencesPerPupil: z.number().nullable(),
    }),
  ),
  totals: z.object({ schools: z.number(), schoolsWithPupils: z.number(), pupils: z.number(), licences: z.number(), ordered: z.number(), amountCents: z.number(), licencesPerPupil: z.number().nullable() }),
});

export const headcountSchema = z.object({ contractId: z.string(), uai: z.string(), establishmentName: z.string(), level: z.string(), pupils: z.number() });

export const consolidationSchema = z.object({
  orders: z.array(z.object({ id: z.string(), reference: z.string(), status: z.string(), lotId: z.string(), lines: z.number(), licences: z.number(), totalExclTaxCents: z.number() })),
  choices: z.number(),
  licences: z.number(),
});

export const entSiteSchema = z.object({ id: z.string(), uai: z.string(), establishmentName: z.string(), wave: z.number(), openingDate: z.string(), launchCostCents: z.number(), yearlyCostCents: z.number() });
export const entSitesSchema = z.object({
  contractId: z.string(),
  sites: z.array(entSiteSchema),
  waves: z.array(z.object({ wave: z.number(), sites: z.number(), openingDate: z.string(), launchCents: z.number() })),
  years: z.array(z.object({ year: z.number(), sitesOpen: z.number(), sitesOpening: z.number(), launchCents: z.number(), runningCents: z.number(), totalCents: z.number() })),
});
