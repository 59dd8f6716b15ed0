import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { isDatabaseError } from '../../../server/platform/database-errors.js';
import { AppError, notFound, type ErrorIssue } from '../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../server/platform/versioned-update.js';
import { roleAssignmentsView, usersView } from '../../access/index.js';
import { territorialUnitsView } from '../../referentiel/index.js';
import { campaignsChanged, loadCampaign, type CampaignRow } from '../campaign-access.js';
import { dossiers, instructorGroupMembers, instructorGroups, type RoutingRule } from '../db/schema.js';
import { routingGroups, routingGroupsKey } from '../routing.js';
import type { CreateInstructorGroupInput, UpdateInstructorGroupInput } from './instructor-groups.input.js';

type GroupRow = typeof instructorGroups.$inferSelect;

/** A campaign's groups in routing order, each with its members' names. */
export async function listInstructorGroups(ctx: Ctx, campaignId: string) {
  const { campaign } = await loadCampaign(ctx, campaignId, 'dossier.read');
  const groups = await ctx.db
    .select()
    .from(instructorGroups)
    .where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.campaignId, campaign.id)))
    .orderBy(asc(instructorGroups.priority), asc(instructorGroups.name));
  const members = groups.length
    ? await ctx.db
        .select({ groupId: instructorGroupMembers.groupId, id: usersView.id, displayName: usersView.displayName })
        .from(instructorGroupMembers)
        .innerJoin(usersView, eq(usersView.id, instructorGroupMembers.userId))
        .where(and(eq(instructorGroupMembers.tenantId, campaign.tenantId), inArray(instructorGroupMembers.groupId, groups.map((g) => g.id))))
        .orderBy(asc(usersView.displayName))
    : [];
  return groups.map((g) => presentGroup(g, members.filter((m) => m.groupId === g.id)));
}

function presentGroup(g: GroupRow, members: { id: string; displayName: string }[]) {
  return {
    id: g.id,
    name: g.name,
    priority: g.priority,
    isDefault: g.isDefault,
    rules: g.rules,
    memberUserIds: members.map((m) => m.id),
    members: members.map((m) => ({ id: m.id, displayName: m.displayName })),
    version: g.version,
  };
}

/**
 * Members are people with a role in the authority (families aside); units are the authority's.
 * `at` prefixes each issue's path: '' for one group, 'groups.N.' for the replace-all save's.
 */
async function memberAndUnitIssues(db: Db, campaign: CampaignRow, input: CreateInstructorGroupInput, at: string): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  const memberIds = [...new Set(input.memberUserIds)];
  if (memberIds.length) {
    const found = await db
      .selectDistinct({ id: roleAssignmentsView.userId })
      .from(roleAssignmentsView)
      .where(and(eq(roleAssignmentsView.tenantId, campaign.tenantId), inArray(roleAssignmentsView.userId, memberIds), ne(roleAssignmentsView.role, 'family')));
    if (found.length !== memberIds.length) issues.push({ path: `${at}memberUserIds`, message: 'Un membre n’a pas de rôle auprès de la collectivité : choisissez parmi ses comptes.' });
  }
  const unitIds = [...new Set(input.rules.filter((r) => r.on === 'unit').flatMap((r) => r.values))];
  if (unitIds.length) {
    const found = await db.select({ id: territorialUnitsView.id }).from(territorialUnitsView).where(and(eq(territorialUnitsView.tenantId, campaign.tenantId), inArray(territorialUnitsView.id, unitIds)));
    const known = new Set(found.map((u) => u.id));
    input.rules.forEach((r, i) => {
      if (r.on === 'unit' && r.values.some((v) => !known.has(v))) issues.push({ path: `${at}rules.${i}.values`, message: 'Unité territoriale inconnue de la collectivité.' });
    });
  }
  return issues;
}

function refuse(issues: ErrorIssue[]) {
  if (issues.length) throw new AppError('VALIDATION', issues[0]!.message, { issues });
}

/** One group, created or edited: its members and units, and no second default group. */
async function checkGroup(db: Db, campaign: CampaignRow, input: CreateInstructorGroupInput, groupId: string | null) {
  const issues = await memberAndUnitIssues(db, campaign, input, '');
  if (input.isDefault) {
    const [other] = await db
      .select({ name: instructorGroups.name })
      .from(instructorGroups)
      .where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.campaignId, campaign.id), eq(instructorGroups.isDefault, true), groupId ? ne(instructorGroups.id, groupId) : undefined));
    if (other) issues.push({ path: 'isDefault', message: `« ${other.name} » est déjà le groupe par défaut : retirez-le d’abord.` });
  }
  refuse(issues);
}

/**
 * The replace-all save's groups, checked as the one-by-one routes check each group (issues under
 * `groups.N.`), and as a set: one default group at most, and each name once (the save matches
 * existing groups by name, so a repeated name would silently keep only the last).
 */
export async function checkGroupSet(db: Db, campaign: CampaignRow, groups: CreateInstructorGroupInput[]) {
  const issues: ErrorIssue[] = [];
  const firstDefault = groups.findIndex((g) => g.isDefault);
  const seen = new Map<string, number>();
  for (const [i, g] of groups.entries()) {
    issues.push(...(await memberAndUnitIssues(db, campaign, g, `groups.${i}.`)));
    if (g.isDefault && i !== firstDefault)
      issues.push({ path: `groups.${i}.isDefault`, message: `« ${groups[firstDefault]!.name} » est déjà le groupe par défaut : un seul groupe par défaut.` });
    const first = seen.get(g.name);
    if (first === undefined) seen.set(g.name, i);
    else issues.push({ path: `groups.${i}.name`, message: `Le groupe n° ${first + 1} porte déjà ce nom.` });
  }
  refuse(issues);
}

async function writeMembers(tx: Db, tenantId: string, groupId: string, memberUserIds: string[]) {
  await tx.delete(instructorGroupMembers).where(and(eq(instructorGroupMembers.tenantId, tenantId), eq(instructorGroupMembers.groupId, groupId)));
  const ids = [...new Set(memberUserIds)];
  if (ids.length) await tx.insert(instructorGroupMembers).values(ids.map((userId) => ({ tenantId, groupId, userId })));
}

/** Files submitted from now on are routed by the groups as committed; standings are read again. */
function groupsChanged(ctx: Ctx, campaign: CampaignRow) {
  ctx.cache.invalidate(routingGroups, routingGroupsKey(campaign.tenantId, campaign.id));
  campaignsChanged(ctx);
}

const nameTaken = (name: string) => new AppError('CONFLICT', `Un groupe « ${name} » existe déjà dans cette campagne.`, { issues: [{ path: 'name', message: 'Nom déjà pris.' }] });

async function withGroupsChanged<T>(ctx: Ctx, campaign: CampaignRow, name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDatabaseError(error, '23505')) throw nameTaken(name);
    throw error;
  } finally {
    groupsChanged(ctx, campaign);
  }
}

export async function createInstructorGroup(ctx: Ctx, input: { campaignId: string; group: CreateInstructorGroupInput }) {
  const { campaign, ctx: a } = await loadCampaign(ctx, input.campaignId, 'campaign.manage');
  const g = input.group;
  await checkGroup(ctx.db, campaign, g, null);
  const id = await withGroupsChanged(ctx, campaign, g.name, () =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(instructorGroups)
        .values({ tenantId: campaign.tenantId, campaignId: campaign.id, name: g.name, priority: g.priority, isDefault: g.isDefault, rules: g.rules as RoutingRule[] })
        .returning();
      await writeMembers(tx, campaign.tenantId, row!.id, g.memberUserIds);
      await recordAudit(a, tx, [{ tenantId: campaign.tenantId, action: 'create', entityType: 'instructor_group', entityId: row!.id, after: { campaign: campaign.code, ...g } }]);
      return row!.id;
    }),
  );
  return groupOf(ctx, campaign, id);
}

async function loadGroup(ctx: Ctx, campaignId: string, groupId: string) {
  const loaded = await loadCampaign(ctx, campaignId, 'campaign.manage');
  const [group] = await ctx.db
    .select()
    .from(instructorGroups)
    .where(and(eq(instructorGroups.tenantId, loaded.campaign.tenantId), eq(instructorGroups.campaignId, loaded.campaign.id), eq(instructorGroups.id, groupId)));
  if (!group) throw notFound('Groupe d’instructeurs');
  return { ...loaded, group };
}

export async function updateInstructorGroup(ctx: Ctx, input: { campaignId: string; groupId: string; changes: UpdateInstructorGroupInput }) {
  const { campaign, group, ctx: a } = await loadGroup(ctx, input.campaignId, input.groupId);
  const { version, ...g } = input.changes;
  assertVersion(group, version);
  await checkGroup(ctx.db, campaign, g, group.id);
  await withGroupsChanged(ctx, campaign, g.name, () =>
    ctx.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(instructorGroups)
        .set({ name: g.name, priority: g.priority, isDefault: g.isDefault, rules: g.rules as RoutingRule[], version: sql`${instructorGroups.version} + 1` })
        .where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.id, group.id), eq(instructorGroups.version, version)))
        .returning();
      assertUpdated(updated);
      await writeMembers(tx, campaign.tenantId, group.id, g.memberUserIds);
      await recordAudit(a, tx, [{ tenantId: campaign.tenantId, action: 'update', entityType: 'instructor_group', entityId: group.id, before: { name: group.name, priority: group.priority, isDefault: group.isDefault, rules: group.rules }, after: g }]);
    }),
  );
  return groupOf(ctx, campaign, group.id);
}

/** Deletes a group with the version read; its files are released by `afterGroupsDeleted`. */
export async function deleteInstructorGroup(ctx: Ctx, input: { campaignId: string; groupId: string; version: number }) {
  const { campaign, group, ctx: a } = await loadGroup(ctx, input.campaignId, input.groupId);
  assertVersion(group, input.version);
  await withGroupsChanged(ctx, campaign, group.name, () =>
    ctx.db.transaction(async (tx) => {
      const [deleted] = await tx
        .delete(instructorGroups)
        .where(and(eq(instructorGroups.tenantId, campaign.tenantId), eq(instructorGroups.id, group.id), eq(instructorGroups.version, input.version)))
        .returning({ id: instructorGroups.id });
      assertUpdated(deleted);
      await afterGroupsDeleted(a, tx, campaign, [group]);
    }),
  );
}

/**
 * What follows deleting groups, one by one or by the replace-all save: their files are left
 * without a group (the administrators still see them; a resubmission routes them again), never
 * pointing at a group that is gone, and each deletion is in the audit log.
 */
export async function afterGroupsDeleted(a: Ctx, tx: Db, campaign: CampaignRow, deleted: Pick<GroupRow, 'id' | 'name' | 'rules'>[]) {
  if (!deleted.length) return;
  await tx
    .update(dossiers)
    .set({ groupId: null })
    .where(and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), inArray(dossiers.groupId, deleted.map((g) => g.id))));
  await recordAudit(
    a,
    tx,
    deleted.map((g) => ({ tenantId: campaign.tenantId, action: 'delete', entityType: 'instructor_group', entityId: g.id, before: { name: g.name, rules: g.rules } })),
  );
}

async function groupOf(ctx: Ctx, campaign: CampaignRow, id: string) {
  const groups = await listInstructorGroups(ctx, campaign.id);
  const found = groups.find((g) => g.id === id);
  if (!found) throw notFound('Groupe d’instructeurs');
  return found;
}
