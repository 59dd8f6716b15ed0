import { and, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { authorize, can, type Actor } from '../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../server/platform/context.js';
import { forbidden, notFound } from '../../server/platform/errors.js';
import { campaignPartners, campaigns, dossiers, instructorGroupMembers, instructorGroups, opinions } from './db/schema.js';

/**
 * Who sees what in a campaign. Roles (actions.ts) bound what a person may do; this file narrows
 * it to campaigns and files:
 * - the authority's administrators manage every campaign and file; the auditor and steering read them;
 * - an instructor handles the files their group routes to them;
 * - a co-reviewing partner's staff (académie, DRAAF) read the campaigns their organization co-reviews;
 * - a school's staff see and answer their establishment's files; a family (or any applicant) their own;
 * - an expert only the files whose opinion they were asked for, until they declare a conflict.
 */

export type CampaignRow = typeof campaigns.$inferSelect;
export type DossierRecord = typeof dossiers.$inferSelect;

const roleIn = (actor: Actor, ...roles: string[]) => actor.assignments.some((a) => roles.includes(a.role));

export const managesCampaigns = (actor: Actor) => can(actor, 'campaign.manage');
/** Reads every campaign and file of the tenant (administrators, auditors, steering). */
export const readsAll = (actor: Actor) => roleIn(actor, 'authority-admin', 'auditor', 'steering') && can(actor, 'dossier.read');

export const actorUserId = (actor: Actor | null) => (actor?.kind === 'user' ? actor.id : null);
const organizationIds = (actor: Actor) => [...new Set(actor.assignments.map((a) => a.organizationId))];
export const establishmentIdsOf = (actor: Actor) =>
  [...new Set(actor.assignments.filter((a) => a.role === 'establishment-staff' && a.establishmentId).map((a) => a.establishmentId!))];

export function authed(ctx: Ctx, action: Parameters<typeof authorize>[1] = 'campaign.read'): AuthedCtx {
  authorize(ctx.actor, action);
  return ctx as AuthedCtx;
}

/** The groups of a campaign the actor belongs to. */
export async function groupIdsOf(ctx: AuthedCtx, campaignId: string): Promise<string[]> {
  const userId = actorUserId(ctx.actor);
  if (!userId || !can(ctx.actor, 'dossier.instruct')) return [];
  const rows = await ctx.db
    .select({ id: instructorGroups.id })
    .from(instructorGroupMembers)
    .innerJoin(instructorGroups, and(eq(instructorGroups.tenantId, instructorGroupMembers.tenantId), eq(instructorGroups.id, instructorGroupMembers.groupId)))
    .where(and(eq(instructorGroupMembers.tenantId, ctx.actor.tenantId), eq(instructorGroups.campaignId, campaignId), eq(instructorGroupMembers.userId, userId)));
  return rows.map((r) => r.id);
}

export async function isPartnerOf(ctx: AuthedCtx, campaignId: string): Promise<boolean> {
  const orgs = organizationIds(ctx.actor).filter((id) => id !== ctx.actor.tenantId);
  if (!orgs.length || !roleIn(ctx.actor, 'academy-staff')) return false;
  const [row] = await ctx.db
    .select({ id: campaignPartners.organizationId })
    .from(campaignPartners)
    .where(and(eq(campaignPartners.tenantId, ctx.actor.tenantId), eq(campaignPartners.campaignId, campaignId), inArray(campaignPartners.organizationId, orgs)))
    .limit(1);
  return !!row;
}

/** What the actor is to one campaign. */
export interface CampaignStanding {
  manager: boolean;
  readsAll: boolean;
  partner: boolean;
  groupIds: string[];
  /** Instructs: manages it, or is in one of its groups. */
  instructor: boolean;
}

export async function standingIn(ctx: AuthedCtx, campaign: CampaignRow): Promise<CampaignStanding> {
  const manager = managesCampaigns(ctx.actor);
  const groupIds = await groupIdsOf(ctx, campaign.id);
  const partner = await isPartnerOf(ctx, campaign.id);
  return { manager, readsAll: readsAll(ctx.actor), partner, groupIds, instructor: manager || groupIds.length > 0 };
}

/** A campaign by id or code: drafts only for those who manage campaigns. */
export async function loadCampaign(ctx: Ctx, idOrCode: string, action: Parameters<typeof authorize>[1] = 'campaign.read') {
  const a = authed(ctx, action);
  const byId = /^[0-9a-f-]{36}$/i.test(idOrCode);
  const [campaign] = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, a.actor.tenantId), byId ? eq(campaigns.id, idOrCode) : eq(campaigns.code, idOrCode)));
  if (!campaign || (campaign.status === 'draft' && !managesCampaigns(a.actor) && !readsAll(a.actor))) throw notFound('Campagne');
  return { ctx: a, campaign, standing: await standingIn(a, campaign) };
}

/** What the actor may do on one file. */
export interface DossierAccess {
  applicant: boolean;
  instructor: boolean;
  reader: boolean;
  expert: boolean;
}

export function noAccess(a: DossierAccess) {
  return !a.applicant && !a.instructor && !a.reader && !a.expert;
}

export async function accessTo(ctx: AuthedCtx, standing: CampaignStanding, dossier: DossierRecord): Promise<DossierAccess> {
  const userId = actorUserId(ctx.actor);
  const applicant =
    (userId !== null && dossier.applicantUserId === userId) ||
    (dossier.establishmentId !== null && can(ctx.actor, 'dossier.apply') && establishmentIdsOf(ctx.actor).includes(dossier.establishmentId));
  const instructor = standing.manager || (dossier.groupId !== null && standing.groupIds.includes(dossier.groupId));
  let expert = false;
  if (userId) {
    const [row] = await ctx.db
      .select({ id: opinions.id })
      .from(opinions)
      .where(and(eq(opinions.tenantId, dossier.tenantId), eq(opinions.dossierId, dossier.id), eq(opinions.expertUserId, userId), ne(opinions.status, 'conflict')));
    expert = !!row;
  }
  return { applicant, instructor, reader: instructor || standing.readsAll || standing.partner, expert };
}

/**
 * A file of the campaign the actor may see; another's is "not found". `need` asks for more than
 * seeing it (403 when they see it but may not).
 */
export async function loadDossier(ctx: Ctx, dossierId: string, need: 'see' | 'apply' | 'instruct' | 'review' = 'see') {
  const a = authed(ctx, 'dossier.read');
  const [dossier] = await ctx.db.select().from(dossiers).where(and(eq(dossiers.tenantId, a.actor.tenantId), eq(dossiers.id, dossierId)));
  if (!dossier) throw notFound('Dossier');
  const [campaign] = await ctx.db.select().from(campaigns).where(and(eq(campaigns.tenantId, dossier.tenantId), eq(campaigns.id, dossier.campaignId)));
  const standing = await standingIn(a, campaign!);
  const access = await accessTo(a, standing, dossier);
  if (noAccess(access)) throw notFound('Dossier');
  if (need === 'apply' && !access.applicant) throw forbidden('Seul le demandeur modifie et dépose son dossier.');
  if (need === 'instruct' && !(access.instructor && can(a.actor, 'dossier.instruct'))) throw forbidden('Seuls les instructeurs du dossier peuvent faire cela.');
  if (need === 'review' && !access.expert) throw forbidden("Aucun avis ne vous est demandé sur ce dossier.");
  return { ctx: a, campaign: campaign!, dossier, standing, access };
}

/** The SQL filter of the files of a campaign the actor sees (lists, exports, bulk selections). */
export function visibleDossiers(ctx: AuthedCtx, standing: CampaignStanding): SQL | undefined {
  if (standing.manager || standing.readsAll || standing.partner) return undefined;
  const userId = actorUserId(ctx.actor);
  const parts: SQL[] = [];
  if (standing.groupIds.length) parts.push(inArray(dossiers.groupId, standing.groupIds));
  parts.push(...ownOrAskedDossiers(ctx, userId));
  return parts.length ? or(...parts) : sql`false`;
}

/**
 * The files of every campaign the actor sees, as one SQL filter: the rules of `visibleDossiers`
 * without a campaign at hand (a school's page lists its files across calls). Administrators and
 * every-call readers see all; an instructor the files routed to their groups; a co-reviewing
 * partner the files of the calls it co-reviews; a school's staff its school's; an applicant their
 * own; an expert those whose opinion they were asked for.
 */
export function dossiersInScope(ctx: AuthedCtx): SQL | undefined {
  if (managesCampaigns(ctx.actor) || readsAll(ctx.actor)) return undefined;
  const userId = actorUserId(ctx.actor);
  const parts: SQL[] = [];
  if (userId && can(ctx.actor, 'dossier.instruct'))
    parts.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(instructorGroupMembers)
          .where(and(eq(instructorGroupMembers.tenantId, dossiers.tenantId), eq(instructorGroupMembers.groupId, dossiers.groupId), eq(instructorGroupMembers.userId, userId))),
      ),
    );
  const partners = organizationIds(ctx.actor).filter((id) => id !== ctx.actor.tenantId);
  if (partners.length && roleIn(ctx.actor, 'academy-staff'))
    parts.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(campaignPartners)
          .where(and(eq(campaignPartners.tenantId, dossiers.tenantId), eq(campaignPartners.campaignId, dossiers.campaignId), inArray(campaignPartners.organizationId, partners))),
      ),
    );
  parts.push(...ownOrAskedDossiers(ctx, userId));
  return parts.length ? or(...parts) : sql`false`;
}

/** The files an actor sees in every call whatever their role: their own, their school's, those they were asked an opinion on. */
function ownOrAskedDossiers(ctx: AuthedCtx, userId: string | null | undefined): SQL[] {
  const parts: SQL[] = [];
  if (userId) parts.push(eq(dossiers.applicantUserId, userId));
  const schools = can(ctx.actor, 'dossier.apply') ? establishmentIdsOf(ctx.actor) : [];
  if (schools.length) parts.push(inArray(dossiers.establishmentId, schools));
  if (userId)
    parts.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(opinions)
          .where(and(eq(opinions.tenantId, dossiers.tenantId), eq(opinions.dossierId, dossiers.id), eq(opinions.expertUserId, userId), ne(opinions.status, 'conflict'))),
      ),
    );
  return parts;
}
