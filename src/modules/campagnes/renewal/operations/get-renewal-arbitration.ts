import { and, asc, count, eq, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { forbidden } from '../../../../server/platform/errors.js';
import { schoolsFleetSummary } from '../../../parc/index.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { loadCampaign, visibleDossiers, type CampaignRow } from '../../campaign-access.js';
import { dossiers } from '../../db/schema.js';
import { renewalLines } from '../db/schema.js';
import { grantedCents, requestedCents, requestsOf } from '../renewal-store.js';
import { assertRenewalCall, classLabel, pricedClasses, renewalSettingsOf } from '../settings.js';
import { arbitrationFilterOptions, arbitrationFilters, arbitrationWhere, filterOptionsSchema, hasFilters } from './arbitration-filters.js';
import { linesBesideFleet, renewalLineSchema } from './get-renewal-file.js';

export const renewalArbitrationQuery = arbitrationFilters.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type RenewalArbitrationQuery = z.infer<typeof renewalArbitrationQuery>;

export const arbitratedFileSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  state: z.string(),
  school: z.object({ uai: z.string(), name: z.string() }),
  justification: z.string(),
  lines: z.array(renewalLineSchema),
  requestedCents: z.number().int(),
  grantedCents: z.number().int(),
  overAsked: z.boolean(),
  version: z.number().int(),
  ordered: z.boolean(),
  orderReference: z.string().nullable(),
});
export type ArbitratedFile = z.infer<typeof arbitratedFileSchema>;

export const renewalArbitrationSchema = z.object({
  campaign: z.object({ id: z.uuid(), code: z.string(), title: z.string(), version: z.number().int() }),
  budgetCents: z.number().int().nullable(),
  costs: z.array(z.object({ assetClass: z.string(), label: z.string(), costCents: z.number().int() })),
  /**
   * Every submitted file's granted quantities at the campaign's prices, refused and closed files
   * aside, whatever the filters and the pages: what the envelope is read against (the same sum the
   * grant checks).
   */
  grantedCents: z.number().int(),
  requestedCents: z.number().int(),
  remainingCents: z.number().int().nullable(),
  /** The files the filters keep (all pages): how many, what they ask and are granted. */
  selection: z.object({ filtered: z.boolean(), requestedCents: z.number().int(), grantedCents: z.number().int() }),
  filterOptions: filterOptionsSchema,
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  files: z.array(arbitratedFileSchema),
  canGrant: z.boolean(),
});
export type RenewalArbitration = z.infer<typeof renewalArbitrationSchema>;

/** Refused or closed files grant nothing, whatever their lines say. */
const countedStates = sql`${dossiers.state} not in ('refuse', 'classe_sans_suite')`;

/**
 * The campaign's submitted files the actor may arbitrate or read (instructors, every-call
 * readers, co-reviewing partners); `action` is the route's (reading the page, or exporting it).
 */
export async function arbitrationScope(ctx: Ctx, campaignIdOrCode: string, action: 'dossier.read' | 'dossier.export') {
  const { ctx: a, campaign, standing } = await loadCampaign(ctx, campaignIdOrCode, action);
  assertRenewalCall(campaign);
  if (!standing.instructor && !standing.readsAll && !standing.partner) throw forbidden('Seuls les instructeurs de la campagne arbitrent ses dossiers.');
  const where = and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), ne(dossiers.state, 'brouillon'), visibleDossiers(a, standing))!;
  return { a, campaign, standing, where };
}

/** The campaign's submitted files, whoever reads: the envelope is the campaign's, not one group's. */
const campaignWide = (campaign: CampaignRow) => and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), ne(dossiers.state, 'brouillon'))!;

/** One page of files (by number), each request beside its school's fleet: three queries whatever the page's size. */
export async function arbitratedFiles(db: Db, campaign: CampaignRow, where: SQL, page: { limit: number; offset: number }, today: string): Promise<ArbitratedFile[]> {
  const rows = await db
    .select({ id: dossiers.id, number: dossiers.number, state: dossiers.state, establishmentId: dossiers.establishmentId, uai: establishmentsView.uai, name: establishmentsView.name })
    .from(dossiers)
    .innerJoin(establishmentsView, and(eq(establishmentsView.tenantId, dossiers.tenantId), eq(establishmentsView.id, dossiers.establishmentId)))
    .where(where)
    .orderBy(asc(dossiers.number))
    .limit(page.limit)
    .offset(page.offset);
  const { costs } = renewalSettingsOf(campaign);
  const classes = pricedClasses(campaign);
  const requests = await requestsOf(db, campaign.tenantId, rows.map((r) => r.id));
  const fleets = await schoolsFleetSummary(db, { tenantId: campaign.tenantId, establishmentIds: rows.map((r) => r.establishmentId!), today });
  return rows.map((row) => {
    const found = requests.get(row.id);
    const lines = linesBesideFleet(classes, costs, found?.lines ?? [], fleets.get(row.establishmentId!) ?? []);
    const counted = !['refuse', 'classe_sans_suite'].includes(row.state);
    return {
      id: row.id,
      number: row.number,
      state: row.state,
      school: { uai: row.uai, name: row.name },
      justification: found?.request.justification ?? '',
      lines,
      requestedCents: requestedCents(found?.lines ?? [], costs),
      grantedCents: counted ? grantedCents(found?.lines ?? [], costs) : 0,
      overAsked: lines.some((l) => l.overAsked),
      version: found?.request.version ?? 0,
      ordered: !!found?.request.orderId,
      orderReference: found?.request.orderReference ?? null,
    };
  });
}

/** What the files of `where` ask and are granted, per class, priced at the campaign's costs: a running total over all pages. */
async function arbitrationTotals(db: Db, campaign: CampaignRow, where: SQL) {
  const { costs } = renewalSettingsOf(campaign);
  const rows = await db
    .select({
      assetClass: renewalLines.assetClass,
      requested: sql<number>`coalesce(sum(${renewalLines.requested}), 0)`.mapWith(Number),
      granted: sql<number>`coalesce(sum(${renewalLines.granted}) filter (where ${countedStates}), 0)`.mapWith(Number),
    })
    .from(renewalLines)
    .innerJoin(dossiers, and(eq(dossiers.tenantId, renewalLines.tenantId), eq(dossiers.id, renewalLines.dossierId)))
    .where(where)
    .groupBy(renewalLines.assetClass);
  return {
    requestedCents: rows.reduce((t, r) => t + r.requested * (costs[r.assetClass] ?? 0), 0),
    grantedCents: rows.reduce((t, r) => t + r.granted * (costs[r.assetClass] ?? 0), 0),
  };
}

/**
 * The arbitration page: one page of the submitted files the actor reads, each request beside the
 * school's fleet, with the running total of what is granted (over every page) against the envelope.
 */
export async function getRenewalArbitration(ctx: Ctx, campaignIdOrCode: string, query: RenewalArbitrationQuery = { page: 1, pageSize: 20 }): Promise<RenewalArbitration> {
  const { a, campaign, standing, where: scope } = await arbitrationScope(ctx, campaignIdOrCode, 'dossier.read');
  const filters = arbitrationFilters.parse(query);
  const today = ctx.now().toISOString().slice(0, 10);
  const where = await arbitrationWhere(ctx.db, campaign, scope, filters, today);
  const [counted] = await ctx.db.select({ n: count() }).from(dossiers).where(where);
  const totals = await arbitrationTotals(ctx.db, campaign, campaignWide(campaign));
  const filtered = hasFilters(filters);
  const selection = await arbitrationTotals(ctx.db, campaign, where);
  const files = await arbitratedFiles(ctx.db, campaign, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }, today);
  const { costs } = renewalSettingsOf(campaign);
  return {
    campaign: { id: campaign.id, code: campaign.code, title: campaign.title, version: campaign.version },
    budgetCents: campaign.budgetCents,
    costs: pricedClasses(campaign).map((c) => ({ assetClass: c, label: classLabel(c), costCents: costs[c]! })),
    grantedCents: totals.grantedCents,
    requestedCents: totals.requestedCents,
    remainingCents: campaign.budgetCents === null ? null : campaign.budgetCents - totals.grantedCents,
    selection: { filtered, requestedCents: selection.requestedCents, grantedCents: selection.grantedCents },
    filterOptions: await arbitrationFilterOptions(ctx.db, campaign, scope),
    total: counted!.n,
    page: query.page,
    pageSize: query.pageSize,
    files,
    canGrant: standing.instructor && can(a.actor, 'dossier.instruct'),
  };
}
