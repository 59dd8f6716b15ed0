import { and, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Placeholder } from 'drizzle-orm';
import { authorize, can, type Actor } from '../../server/platform/authz.js';
import { defineCache } from '../../server/platform/cache.js';
import type { AuthedCtx, Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { pgArray } from '../../server/platform/prepared.js';
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

/** What shapes the statements that read a campaign or a file with the actor's standing: a few texts, each prepared once. */
function standingShape(ctx: AuthedCtx) {
  const userId = actorUserId(ctx.actor);
  const orgs = organizationIds(ctx.actor).filter((id) => id !== ctx.actor.tenantId);
  return {
    instructs: !!userId && can(ctx.actor, 'dossier.instruct'),
    partners: orgs.length > 0 && roleIn(ctx.actor, 'academy-staff'),
    user: !!userId,
    params: { userId: userId ?? '', orgs: pgArray(orgs) },
  };
}
type StandingShape = ReturnType<typeof standingShape>;
type Bound = Placeholder | string;

/**
 * The actor's groups in the campaign and whether their organization co-reviews it, as columns of
 * the statement that reads the campaign: `standingIn`'s two lookups without their round trips.
 */
function standingColumns(shape: StandingShape, userId: Bound = shape.params.userId, orgs: Bound = shape.params.orgs) {
  const groups = shape.instructs
    ? sql`coalesce((select json_agg(${instructorGroups.id}) from ${instructorGroupMembers} inner join ${instructorGroups} on ${and(eq(instructorGroups.tenantId, instructorGroupMembers.tenantId), eq(instructorGroups.id, instructorGroupMembers.groupId))} where ${and(eq(instructorGroupMembers.tenantId, campaigns.tenantId), eq(instructorGroups.campaignId, campaigns.id), sql`${instructorGroupMembers.userId} = ${userId}::uuid`)}), '[]'::json)`
    : sql`'[]'::json`;
  const partner = shape.partners
    ? sql`exists (select 1 from ${campaignPartners} where ${and(eq(campaignPartners.tenantId, campaigns.tenantId), eq(campaignPartners.campaignId, campaigns.id), sql`${campaignPartners.organizationId} = any(${orgs}::uuid[])`)})`
    : sql`false`;
  return { groupIds: groups.mapWith(jsonArray), partner: partner.mapWith(Boolean) };
}

const jsonArray = (value: unknown): string[] => (typeof value === 'string' ? (JSON.parse(value) as string[]) : (value as string[]));

function standingOf(ctx: AuthedCtx, read: { groupIds: string[]; partner: boolean }): CampaignStanding {
  const manager = managesCampaigns(ctx.actor);
  return { manager, readsAll: readsAll(ctx.actor), partner: read.partner, groupIds: read.groupIds, instructor: manager || read.groupIds.length > 0 };
}

/** A campaign by id or code: drafts only for those who manage campaigns. Read with the actor's standing, in one statement. */
export async function loadCampaign(ctx: Ctx, idOrCode: string, action: Parameters<typeof authorize>[1] = 'campaign.read') {
  const a = authed(ctx, action);
  return visibleCampaign(a, await readCampaign(a, idOrCode));
}

interface CampaignRead {
  campaign: CampaignRow;
  groupIds: string[];
  partner: boolean;
}

async function readCampaign(a: AuthedCtx, idOrCode: string): Promise<CampaignRead | null> {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrCode);
  const [row] = await a.db
    .select({ campaign: campaigns, ...standingColumns(standingShape(a)) })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, a.actor.tenantId), byId ? eq(campaigns.id, idOrCode) : eq(campaigns.code, idOrCode)));
  return row ?? null;
}

function visibleCampaign(a: AuthedCtx, row: CampaignRead | null) {
  if (!row || (row.campaign.status === 'draft' && !managesCampaigns(a.actor) && !readsAll(a.actor))) throw notFound('Campagne');
  return { ctx: a, campaign: row.campaign, standing: standingOf(a, row) };
}

/**
 * The campaign and the actor's standing as a list reads them page after page (its files, their
 * export): kept 10 seconds per person and campaign, shared by concurrent pages. The writes that
 * change what a list needs of them (status, groups and their members, partners) empty it in every
 * process once committed (`campaignsChanged`). Operations that act on a campaign read it afresh
 * (`loadCampaign`).
 */
export const listedCampaigns = defineCache<Promise<CampaignRead | null>>('campagnes-listed-campaigns', { max: 10_000, ttlMs: 10_000 });

export async function loadListedCampaign(ctx: Ctx, idOrCode: string, action: Parameters<typeof authorize>[1]) {
  const a = authed(ctx, action);
  // the standing follows the person's roles and places: a changed assignment is another entry
  const key = JSON.stringify([a.actor.tenantId, a.actor.kind, a.actor.id, a.actor.assignments, idOrCode]);
  return visibleCampaign(a, await ctx.cache.of(listedCampaigns).remember(key, () => readCampaign(a, idOrCode)));
}

/** A campaign's status, groups or partners changed: lists read it again, here and in every process. */
export function campaignsChanged(ctx: Pick<Ctx, 'cache'>) {
  ctx.cache.invalidate(listedCampaigns);
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
  let expert = false;
  if (userId) {
    const [row] = await ctx.db
      .select({ id: opinions.id })
      .from(opinions)
      .where(and(eq(opinions.tenantId, dossier.tenantId), eq(opinions.dossierId, dossier.id), eq(opinions.expertUserId, userId), ne(opinions.status, 'conflict')));
    expert = !!row;
  }
  return accessOf(ctx, standing, dossier, expert);
}

/** What the actor may do on a file, whether they were asked an opinion on it being known. */
export function accessOf(ctx: AuthedCtx, standing: CampaignStanding, dossier: Pick<DossierRecord, 'applicantUserId' | 'establishmentId' | 'groupId'>, expert: boolean): DossierAccess {
  const userId = actorUserId(ctx.actor);
  const applicant =
    (userId !== null && dossier.applicantUserId === userId) ||
    (dossier.establishmentId !== null && can(ctx.actor, 'dossier.apply') && establishmentIdsOf(ctx.actor).includes(dossier.establishmentId));
  const instructor = standing.manager || (dossier.groupId !== null && standing.groupIds.includes(dossier.groupId));
  return { applicant, instructor, reader: instructor || standing.readsAll || standing.partner, expert };
}

/** Whether the actor was asked an opinion on the file (and declared no conflict), as a column of the file's statement. */
function expertColumn(shape: StandingShape, userId: Bound) {
  if (!shape.user) return sql`false`.mapWith(Boolean);
  return sql`exists (select 1 from ${opinions} where ${and(eq(opinions.tenantId, dossiers.tenantId), eq(opinions.dossierId, dossiers.id), sql`${opinions.expertUserId} = ${userId}::uuid`, ne(opinions.status, 'conflict'))})`.mapWith(Boolean);
}

/**
 * The file, its campaign and the actor's standing in one statement, read by every request on a
 * file: built and prepared once per shape and database handle (drizzle's query building cost more
 * than PostgreSQL's answer), then run with the file's and the actor's values.
 */
function dossierStatement(db: Db, shape: StandingShape) {
  const key = `${+shape.instructs}${+shape.partners}${+shape.user}`;
  let byShape = dossierStatements.get(db);
  if (!byShape) dossierStatements.set(db, (byShape = new Map()));
  let statement = byShape.get(key);
  if (!statement) byShape.set(key, (statement = prepareDossierStatement(db, shape, key)));
  return statement;
}

function prepareDossierStatement(db: Db, shape: StandingShape, key: string) {
  const userId = sql.placeholder('userId');
  return db
    .select({ dossier: dossiers, campaign: campaigns, ...standingColumns(shape, userId, sql.placeholder('orgs')), expert: expertColumn(shape, userId) })
    .from(dossiers)
    .innerJoin(campaigns, and(eq(campaigns.tenantId, dossiers.tenantId), eq(campaigns.id, dossiers.campaignId)))
    .where(and(eq(dossiers.tenantId, sql.placeholder('tenantId')), eq(dossiers.id, sql.placeholder('dossierId'))))
    .prepare(`campagnes_dossier_${key}`);
}
const dossierStatements = new WeakMap<Db, Map<string, ReturnType<typeof prepareDossierStatement>>>();

/**
 * A file of the campaign the actor may see; another's is "not found". `need` asks for more than
 * seeing it (403 when they see it but may not). The file, its campaign and the actor's standing
 * are read in one statement.
 */
export async function loadDossier(ctx: Ctx, dossierId: string, need: 'see' | 'apply' | 'instruct' | 'review' = 'see') {
  const a = authed(ctx, 'dossier.read');
  const shape = standingShape(a);
  const [row] = await dossierStatement(ctx.db, shape).execute({ tenantId: a.actor.tenantId, dossierId, ...shape.params });
  if (!row) throw notFound('Dossier');
  const { dossier, campaign } = row;
  const standing = standingOf(a, row);
  const access = accessOf(a, standing, dossier, row.expert);
  if (noAccess(access)) throw notFound('Dossier');
  if (need === 'apply' && !access.applicant) throw forbidden('Seul le demandeur modifie et dépose son dossier.');
  if (need === 'instruct' && !(access.instructor && can(a.actor, 'dossier.instruct'))) throw forbidden('Seuls les instructeurs du dossier peuvent faire cela.');
  if (need === 'review' && !access.expert) throw forbidden("Aucun avis ne vous est demandé sur ce dossier.");
  return { ctx: a, campaign, dossier, standing, access };
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
