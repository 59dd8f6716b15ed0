import { z } from 'zod';
import { can, type Actor } from '../../../server/platform/authz.js';
import type { siteLinks, siteLinkChanges } from './db/schema.js';
import { linkTechnologies } from './operations/link.input.js';

export const siteLinkSchema = z.object({
  id: z.string(),
  uai: z.string(),
  establishmentName: z.string(),
  operator: z.string(),
  technology: z.enum(linkTechnologies),
  symmetric: z.boolean(),
  downMbps: z.number(),
  upMbps: z.number(),
  monthlyCostCents: z.number(),
  setupFeeCents: z.number(),
  contractId: z.string().nullable(),
  lotId: z.string().nullable(),
  monthlyPriceItemId: z.string().nullable(),
  setupPriceItemId: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  version: z.number(),
  permissions: z.object({ update: z.boolean() }),
});
export const siteLinkListSchema = z.object({ items: z.array(siteLinkSchema), total: z.number() });

type LinkRow = { link: typeof siteLinks.$inferSelect; uai: string; establishmentName: string };

export function presentSiteLink(row: LinkRow, actor: Actor): z.infer<typeof siteLinkSchema> {
  const l = row.link;
  return {
    id: l.id,
    uai: row.uai,
    establishmentName: row.establishmentName,
    operator: l.operator,
    technology: l.technology as (typeof linkTechnologies)[number],
    symmetric: l.symmetric,
    downMbps: l.downMbps,
    upMbps: l.upMbps,
    monthlyCostCents: l.monthlyCostCents,
    setupFeeCents: l.setupFeeCents,
    contractId: l.contractId,
    lotId: l.lotId,
    monthlyPriceItemId: l.monthlyPriceItemId,
    setupPriceItemId: l.setupPriceItemId,
    startDate: l.startDate,
    endDate: l.endDate,
    version: l.version,
    permissions: { update: can(actor, 'link.manage') },
  };
}

export const linkChangeSchema = z.object({ id: z.string(), kind: z.string(), before: z.unknown(), after: z.unknown(), actorLabel: z.string(), at: z.string() });
export const presentLinkChange = (c: typeof siteLinkChanges.$inferSelect) => ({
  id: c.id,
  kind: c.kind,
  before: c.before,
  after: c.after,
  actorLabel: c.actorLabel,
  at: c.at.toISOString(),
});

const period = z.object({ operator: z.string(), startDate: z.string(), monthlyCostCents: z.number(), downMbps: z.number() });
export const linkSavingsSchema = z.object({
  schoolSharePercent: z.number(),
  sites: z.array(
    z.object({
      uai: z.string(),
      name: z.string(),
      contractId: z.string(),
      before: period,
      after: period,
      savingCents: z.number(),
      schoolShareCents: z.number(),
    }),
  ),
  totals: z.object({ sites: z.number(), beforeMonthlyCents: z.number(), afterMonthlyCents: z.number(), savingMonthlyCents: z.number(), schoolShareMonthlyCents: z.number() }),
});
