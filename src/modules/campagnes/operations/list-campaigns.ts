import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { can } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { authed, campaignsChanged, loadCampaign, managesCampaigns, readsAll, standingIn } from '../campaign-access.js';
import { routingGroups, routingGroupsKey } from '../routing.js';
import { campaignPartners, campaigns, instructorGroups, instructorGroupMembers } from '../db/schema.js';
import { presentCampaign } from '../presenters/campaigns.js';
import { z } from 'zod';
import { createInstructorGroupInput } from './instructor-groups.input.js';
import { afterGroupsDeleted, checkGroupSet } from './instructor-groups.js';
import type { RoutingRule } from '../db/schema.js';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';

/** The campaigns the actor sees: all for their managers and readers, the published ones otherwise. */
export async function listCampaigns(ctx: Ctx) {
  const a = authed(ctx, 'campaign.read');
  const all = managesCampaigns(a.actor) || readsAll(a.actor);
  const rows = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, a.actor.tenantId), all ? undefined : ne(campaigns.status, 'draft')))
    .orderBy(desc(campaigns.opensAt));
  const canApply = can(a.actor, 'dossier.apply');
  return Promise.all(rows.map(async (c) => presentCampaign(c, await standingIn(a, c), canApply, ctx.now())));
}

/** One campaign, with its co-reviewing partners (what its edit form sends back whole). */
export async function getCampaign(ctx: Ctx, idOrCode: string) {
  const { campaign, standing, ctx: a } = await loadCampaign(ctx, idOrCode);
  const partners = await ctx.db
    .select({ id: campaignPartners.organizationId })
    .from(campaignPartners)
    .where(and(eq(campaignPartners.tenantId, campaign.tenantId), eq(campaignPartners.campaignId, campaign.id)));
  return { ...presentCampaign(campaign, standing, can(a.actor, 'dossier.apply'), ctx.now()), partnerIds: partners.map((p) => p.id) };
}

export const groupsInput = z.object({ groups: z.array(createInstructorGroupInput).max(50) });

/** Replaces the campaign's instructor groups, their routing rules and members (files already routed keep their group id when the name stays). */
export async function saveGroups(ctx: Ctx, input: { campaignId: string; body: z.infer<typeof groupsInput> }) {
  const { campaign, ctx: a } = await loadCampaign(ctx, input.campaignId, 'campaign.manage');
  await checkGroupSet(ctx.db, campaign, input.body.groups);
  const saved = await ctx.db.transaction(async (tx) => {
    const existing = await tx.select().from(instructorGroups).where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.campaignId, campaign.id)));
    const kept = new Set(input.body.groups.map((g) => g.name));
    const removed = existing.filter((g) => !kept.has(g.name));
    if (removed.length)
      await tx.delete(instructorGroups).where(and(eq(instructorGroups.tenantId, campaign.tenantId), inArray(instructorGroups.id, removed.map((g) => g.id))));
    await afterGroupsDeleted(a, tx, campaign, removed);
    const saved = [];
    for (const g of input.body.groups) {
      const [row] = await tx
        .insert(instructorGroups)
        .values({ tenantId: campaign.tenantId, campaignId: campaign.id, name: g.name, priority: g.priority, isDefault: g.isDefault, rules: g.rules as RoutingRule[] })
        .onConflictDoUpdate({
          target: [instructorGroups.tenantId, instructorGroups.campaignId, instructorGroups.name],
          set: { priority: g.priority, isDefault: g.isDefault, rules: g.rules as RoutingRule[], version: sql`${instructorGroups.version} + 1` },
        })
        .returning();
      await tx.delete(instructorGroupMembers).where(and(eq(instructorGroupMembers.tenantId, campaign.tenantId), eq(instructorGroupMembers.groupId, row!.id)));
      if (g.memberUserIds.length)
        await tx.insert(instructorGroupMembers).values([...new Set(g.memberUserIds)].map((userId) => ({ tenantId: campaign.tenantId, groupId: row!.id, userId })));
      saved.push({ id: row!.id, name: row!.name, priority: row!.priority, isDefault: row!.isDefault, rules: row!.rules, memberUserIds: g.memberUserIds });
    }
    // each kept or new group in the audit log, as the one-by-one routes record them
    const savedIds: string[] = saved.map((g) => g.id);
    const before = new Map(existing.map((g) => [g.name, g]));
    const audited = input.body.groups.map((g, i) => {
      const old = before.get(g.name);
      return {
        tenantId: campaign.tenantId,
        action: old ? 'update' : 'create',
        entityType: 'instructor_group',
        entityId: savedIds[i]!,
        before: old ? { name: old.name, priority: old.priority, isDefault: old.isDefault, rules: old.rules } : undefined,
        after: { campaign: campaign.code, ...g },
      };
    });
    if (audited.length) await recordAudit(a, tx, audited);
    return saved;
  });
  // once committed: files submitted from now on are routed by the new groups
  ctx.cache.invalidate(routingGroups, routingGroupsKey(campaign.tenantId, campaign.id));
  campaignsChanged(ctx);
  return saved;
}
