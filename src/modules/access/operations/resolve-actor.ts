import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor, Assignment, Role } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { rows, type Db } from '../../../server/platform/db.js';
import { organizationsView as organizations } from '../../referentiel/index.js';
import { apiTokens, roleAssignments, sessions, users } from '../db/schema.js';
import { sha256 } from '../tokens.js';
import { uuidArray } from '../../../server/platform/prepared.js';

export interface TenantAccess {
  id: string;
  code: string;
  name: string;
  kind: string;
  roles: Role[];
}

export interface Identity {
  user: { id: string; email: string; displayName: string };
  sessionId: string;
  tenants: TenantAccess[];
  /** Raw assignments of every tenant, expanded per tenant by actorFor(). */
  assignments: (Assignment & { tenantId: string })[];
}

export async function identityFromSession(ctx: Ctx, sessionToken: string): Promise<Identity | null> {
  const id = sha256(sessionToken);
  const [row] = await ctx.db
    .select({ user: users, sessionId: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, ctx.now()), eq(users.active, true)));
  if (!row) return null;
  const assignments = await loadAssignments(ctx.db, { userId: row.user.id });
  return {
    user: { id: row.user.id, email: row.user.email, displayName: row.user.displayName },
    sessionId: row.sessionId,
    assignments,
    tenants: await tenantsOf(ctx.db, assignments),
  };
}

const tenant = alias(organizations, 'tenant');

async function loadAssignments(db: Db, params: { userId: string }) {
  const found = await db
    .select({ a: roleAssignments, org: organizations })
    .from(roleAssignments)
    .innerJoin(organizations, eq(organizations.tenantId, roleAssignments.organizationId))
    .where(eq(roleAssignments.userId, params.userId));
  return found.map(({ a, org }) => ({
    id: a.id,
    tenantId: a.tenantId,
    role: a.role as Role,
    organizationId: org.tenantId,
    organizationCode: org.code,
    establishmentId: a.establishmentId,
    unitIds: a.unitIds,
    level: a.level,
    academyCode: org.academyCode,
  }));
}

async function tenantsOf(db: Db, assignments: { tenantId: string; role: Role }[]): Promise<TenantAccess[]> {
  const ids = [...new Set(assignments.map((a) => a.tenantId))];
  if (ids.length === 0) return [];
  const orgs = (await db.select().from(tenant).where(inArray(tenant.tenantId, ids))).sort(widestFirst);
  return orgs.map((o) => ({
    id: o.tenantId,
    code: o.code,
    name: o.name,
    kind: o.kind,
    roles: [...new Set(assignments.filter((a) => a.tenantId === o.tenantId).map((a) => a.role))],
  }));
}

/**
 * The widest authority first (a Région before its Départements, then communes), then by name: a
 * partner working with several opens on the Région, not on whichever name sorts first.
 */
const kindRank: Record<string, number> = { region: 0, metropole: 1, departement: 2, epci: 3, commune: 4 };
function widestFirst(a: { kind: string; name: string }, b: { kind: string; name: string }): number {
  return (kindRank[a.kind] ?? 5) - (kindRank[b.kind] ?? 5) || a.name.localeCompare(b.name, 'fr');
}

/** The actor inside one tenant: the requested one, or the first the person has a role in. */
export async function actorFor(db: Db, identity: Identity, tenantCode: string | undefined): Promise<Actor | null> {
  const chosen = tenantCode ? identity.tenants.find((t) => t.code === tenantCode) : identity.tenants[0];
  if (!chosen) return null;
  const mine = identity.assignments.filter((a) => a.tenantId === chosen.id);
  return {
    kind: 'user',
    id: identity.user.id,
    label: identity.user.displayName,
    tenantId: chosen.id,
    tenantCode: chosen.code,
    sessionId: identity.sessionId,
    assignments: await expandUnits(db, chosen.id, mine),
  };
}

/** An assignment on an agency covers its sectors and zones: expand to every descendant unit. */
export async function expandUnits<T extends Assignment>(db: Db, tenantId: string, assignments: T[]): Promise<T[]> {
  const roots = [...new Set(assignments.flatMap((a) => a.unitIds))];
  if (roots.length === 0) return assignments;
  const tree = await rows<{ root: string; id: string }>(
    db,
    sql`with recursive t(root, id) as (
          select u.id, u.id from referentiel.territorial_units_view u
           where u.tenant_id = ${tenantId} and u.id = any(${uuidArray(roots)})
          union all
          select t.root, c.id from referentiel.territorial_units_view c join t on c.parent_id = t.id
           where c.tenant_id = ${tenantId})
        select root, id from t`,
  );
  return assignments.map((a) => ({
    ...a,
    unitIds: [...new Set(tree.filter((r) => a.unitIds.includes(r.root)).map((r) => r.id))],
  }));
}

/** API tokens look like coh_<tenant id hex>_<secret>: the tenant is read first, then the hash. */
export async function actorFromApiToken(ctx: Ctx, token: string): Promise<Actor | null> {
  const match = /^coh_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!match) return null;
  const tenantId = match[1].replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const now = ctx.now();
  const [row] = await ctx.db
    .select({ t: apiTokens, org: organizations })
    .from(apiTokens)
    .innerJoin(organizations, eq(organizations.tenantId, apiTokens.tenantId))
    .where(
      and(
        eq(apiTokens.tenantId, tenantId),
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) return null;
  await ctx.db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, row.t.id)));
  const assignment: Assignment = {
    id: row.t.id,
    role: row.t.role as Role,
    organizationId: row.org.tenantId,
    organizationCode: row.org.code,
    establishmentId: row.t.establishmentId,
    unitIds: row.t.unitIds,
    level: null,
    academyCode: row.org.academyCode,
  };
  return {
    kind: 'token',
    id: row.t.id,
    label: `Jeton « ${row.t.name} »`,
    tenantId,
    tenantCode: row.org.code,
    tokenAccess: row.t.access === 'write' ? 'write' : 'read',
    assignments: await expandUnits(ctx.db, tenantId, [assignment]),
  };
}

/** What a request presents: a bearer API token, or a session cookie, and the tenant it names. */
export interface RequestCredentials {
  bearer?: string;
  sessionToken?: string;
  /** The X-Coherence-Tenant header: honoured or refused, never silently replaced. */
  explicitTenant?: string;
  /** The UI's remembered choice (its cookie), which may be stale. */
  rememberedTenant?: string;
}

/** Who is calling (the platform's authentication hook asks this on a cache miss). */
export async function resolveRequestActor(ctx: Ctx, credentials: RequestCredentials): Promise<{ actor: Actor | null; sessionToken: string | null }> {
  if (credentials.bearer) {
    const actor = await actorFromApiToken(ctx, credentials.bearer);
    // a token belongs to one tenant: naming another one is refused, never silently ignored
    if (actor && credentials.explicitTenant && credentials.explicitTenant !== actor.tenantCode) {
      throw new AppError(
        'FORBIDDEN',
        `Ce jeton d'API appartient à l'organisation « ${actor.tenantCode} » : l'en-tête X-Coherence-Tenant ne peut pas en nommer une autre (« ${credentials.explicitTenant.slice(0, 64)} »).`,
      );
    }
    return { actor, sessionToken: null };
  }
  const token = credentials.sessionToken;
  const identity = token ? await identityFromSession(ctx, token) : null;
  if (!token || !identity) return { actor: null, sessionToken: null };
  if (credentials.explicitTenant) {
    const actor = await actorFor(ctx.db, identity, credentials.explicitTenant);
    if (!actor) throw new AppError('FORBIDDEN', `Vous n'avez aucun rôle dans l'organisation « ${credentials.explicitTenant.slice(0, 64)} ».`);
    return { actor, sessionToken: token };
  }
  // the UI's remembered choice may be stale (a role removed since): fall back to the first tenant
  const actor = (await actorFor(ctx.db, identity, credentials.rememberedTenant)) ?? (await actorFor(ctx.db, identity, undefined));
  return { actor, sessionToken: token };
}
