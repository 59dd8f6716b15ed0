import { and, desc, eq, ne } from 'drizzle-orm';
import { can } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { authed, loadCampaign, managesCampaigns, readsAll, standingIn } from '../campaign-access.js';
import { campaignPartners, campaigns, instructorGroups, instructorGroupMembers } from '../db/schema.js';
import { presentCampaign } from '../presenters/campaigns.js';
import { z } from 'zod';
import type { RoutingRule } from '../db/schema.js';
import { sql } from 'drizzle-orm';

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

export const groupsInput = z.object({
  groups: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(200),
        priority: z.number().int().min(0).max(1000).default(0),
        isDefault: z.boolean().default(false),
        rules: z.array(z.object({ on: z.enum(['unit', 'department', 'nature', 'answer']), values: z.array(z.string().min(1)).min(1).max(200), field: z.string().optional() })).max(20).default([]),
        memberUserIds: z.array(z.string().uuid()).max(200).default([]),
      }),
    )
    .max(50),
});

/** Replaces the campaign's instructor groups, their routing rules and members (files already routed keep their group id when the name stays). */
export async function saveGroups(ctx: Ctx, input: { campaignId: string; body: z.infer<typeof groupsInput> }) {
  const { campaign } = await loadCampaign(ctx, input.campaignId, 'campaign.manage');
  return ctx.db.transaction(async (tx) => {
    const existing = await tx.select().from(instructorGroups).where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.campaignId, campaign.id)));
    const kept = new Set(input.body.groups.map((g) => g.name));
    for (const old of existing.filter((g) => !kept.has(g.name)))
      await tx.delete(instructorGroups).where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.id, old.id)));
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
    return saved;
  });
}

export async function listGroups(ctx: Ctx, campaignId: string) {
  const { campaign } = await loadCampaign(ctx, campaignId, 'dossier.read');
  const groups = await ctx.db.select().from(instructorGroups).where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.campaignId, campaign.id)));
  const members = await ctx.db.select().from(instructorGroupMembers).where(eq(instructorGroupMembers.tenantId, campaign.tenantId));
  return groups.map((g) => ({ id: g.id, name: g.name, priority: g.priority, isDefault: g.isDefault, rules: g.rules, memberUserIds: members.filter((m) => m.groupId === g.id).map((m) => m.userId) }));
}
