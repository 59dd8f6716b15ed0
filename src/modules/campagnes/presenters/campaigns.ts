import { z } from 'zod';
import type { CampaignRow, CampaignStanding } from '../campaign-access.js';
import { parisDay } from '../paris-time.js';

export const campaignSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean(),
  closedAt: z.string().nullable(),
  budgetCents: z.number().nullable(),
  retentionMonths: z.number(),
  eligibility: z.object({ natureCodes: z.array(z.string()), unitIds: z.array(z.string()), establishmentIds: z.array(z.string()) }),
  grid: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number(), source: z.string(), max: z.number(), points: z.record(z.string(), z.number()).optional() })),
  reopenings: z.array(z.object({ at: z.string(), byLabel: z.string(), reason: z.string(), previousClosesAt: z.string(), closesAt: z.string() })),
  settings: z.record(z.string(), z.unknown()),
  version: z.number(),
  permissions: z.object({ manage: z.boolean(), instruct: z.boolean(), apply: z.boolean() }),
  /** The co-reviewing organizations: on one campaign's read (its edit sends them back whole). */
  partnerIds: z.array(z.string()).optional(),
});

export function presentCampaign(c: CampaignRow, standing: CampaignStanding, canApply: boolean, now: Date) {
  const open = c.status === 'published' && now >= c.opensAt && now <= c.closesAt;
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    title: c.title,
    description: c.description,
    status: c.status,
    opensOn: parisDay(c.opensAt),
    closesOn: parisDay(c.closesAt),
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    open,
    closedAt: c.closedAt?.toISOString() ?? null,
    budgetCents: c.budgetCents,
    retentionMonths: c.retentionMonths,
    eligibility: c.eligibility,
    grid: c.grid,
    reopenings: c.reopenings.map((r) => ({ at: r.at, byLabel: r.byLabel, reason: r.reason, previousClosesAt: r.previousClosesAt, closesAt: r.closesAt })),
    settings: c.settings,
    version: c.version,
    permissions: { manage: standing.manager, instruct: standing.instructor, apply: canApply && open },
  };
}
