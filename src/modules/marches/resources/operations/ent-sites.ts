import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../../server/platform/audit.js';
import { establishmentScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { isDatabaseError } from '../../../../server/platform/database-errors.js';
import { AppError } from '../../../../server/platform/errors.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../../referentiel/index.js';
import { termEnd } from '../../ceilings.js';
import { siteInScope } from '../../links/link-scope.js';
import { entSites } from '../db/schema.js';
import { entYearlyTotals } from '../ent-costs.js';
import { entSitesInput, recordEntSiteInput, type RecordEntSiteInput } from '../resource.input.js';
import { contractOfTenant } from '../resource-scope.js';

export { entSitesInput, recordEntSiteInput };

/** Opens a site of the ENT contract in a wave; a site opens once per contract. */
export async function recordEntSite(ctx: Ctx, input: RecordEntSiteInput) {
  const contract = await contractOfTenant(ctx, input.contractId, 'resource.manage');
  const site = await siteInScope(ctx, input.uai, 'resource.manage');
  const tenantId = ctx.actor!.tenantId;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(entSites)
        .values({ tenantId, contractId: contract.id, establishmentId: site.id, wave: input.wave, openingDate: input.openingDate, launchCostCents: input.launchCostCents, yearlyCostCents: input.yearlyCostCents })
        .returning();
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'ent_site', entityId: created.id, after: { contract: contract.reference, uai: site.uai, wave: input.wave, openingDate: input.openingDate } }]);
      return { ...created, uai: site.uai, establishmentName: site.name };
    });
  } catch (error) {
    if (isDatabaseError(error, '23505')) throw new AppError('CONFLICT', `${site.uai} est déjà ouvert sur ce marché ENT.`);
    throw error;
  }
}

/** The ENT contract's sites by wave, with the totals per wave and per calendar year to the contract's end. */
export async function findEntSites(ctx: Ctx, input: z.infer<typeof entSitesInput>) {
  const contract = await contractOfTenant(ctx, input.contractId, 'resource.read');
  const sites = await ctx.db
    .select({ site: entSites, uai: establishments.uai, establishmentName: establishments.name })
    .from(entSites)
    .innerJoin(establishments, and(eq(establishments.tenantId, entSites.tenantId), eq(establishments.id, entSites.establishmentId)))
    .where(and(eq(entSites.tenantId, ctx.actor!.tenantId), eq(entSites.contractId, contract.id), establishmentScopeWhere(establishmentScope(ctx.actor!, 'resource.read'))))
    .orderBy(asc(entSites.wave), asc(entSites.openingDate), asc(establishments.uai));
  const lastYear = contract.startsOn ? Number(termEnd(contract.startsOn, contract.durationMonths).slice(0, 4)) : undefined;
  const waves = new Map<number, { wave: number; sites: number; openingDate: string; launchCents: number }>();
  for (const { site } of sites) {
    const w = waves.get(site.wave) ?? { wave: site.wave, sites: 0, openingDate: site.openingDate, launchCents: 0 };
    w.sites += 1;
    w.launchCents += site.launchCostCents;
    if (site.openingDate < w.openingDate) w.openingDate = site.openingDate;
    waves.set(site.wave, w);
  }
  return {
    contractId: contract.id,
    sites: sites.map(({ site, uai, establishmentName }) => ({ id: site.id, uai, establishmentName, wave: site.wave, openingDate: site.openingDate, launchCostCents: site.launchCostCents, yearlyCostCents: site.yearlyCostCents })),
    waves: [...waves.values()],
    years: entYearlyTotals(sites.map((s) => s.site), lastYear),
  };
}
