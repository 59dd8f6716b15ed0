import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { rows, type Db } from '../../../../server/platform/db.js';
import { assertUpdated, assertVersion } from '../../../../server/platform/versioned-update.js';
import { AppError, notFound } from '../../../../server/platform/errors.js';
import { invalid } from '../../governance/access.js';
import { metropoleManager } from '../access.js';
import { catalogueServices, communeMemberships, joiningCycles, subscriptions } from '../db/schema.js';
import { createCycleInput, createServiceInput, membershipInput, subscriptionsInput, type CreateServiceInput, type MembershipInput } from './catalogue.input.js';

export async function createCatalogueService(ctx: Ctx, raw: CreateServiceInput) {
  const actor = metropoleManager(ctx);
  const input = createServiceInput.parse(raw);
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(catalogueServices).values({ ...input, tenantId }).onConflictDoNothing().returning();
    if (!row) throw new AppError('CONFLICT', 'Ce service est déjà au catalogue.');
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'metropole-service', entityId: row.id, after: input }]);
    return row;
  });
}

export async function createJoiningCycle(ctx: Ctx, raw: { year: number; label: string }) {
  const actor = metropoleManager(ctx);
  const input = createCycleInput.parse(raw);
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(joiningCycles).values({ ...input, tenantId }).onConflictDoNothing().returning();
    if (!row) throw new AppError('CONFLICT', 'Un cycle existe déjà pour cette année.');
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'metropole-cycle', entityId: row.id, after: input }]);
    return row;
  });
}

/** A commune's answer in a cycle: it joins (with its cost split) or refuses. */
export async function setMembership(ctx: Ctx, communeId: string, raw: MembershipInput) {
  const actor = metropoleManager(ctx);
  const input = membershipInput.parse(raw);
  const tenantId = actor.tenantId;
  const [commune] = await rows(
    ctx.db,
    sql`select 1 as one from referentiel.partnerships_view p join referentiel.organizations_view o on o.tenant_id = p.partner_id
         where p.tenant_id = ${tenantId} and p.partner_id = ${communeId} and o.kind = 'commune'`,
  );
  if (!commune) throw notFound('Commune');
  const [cycle] = await ctx.db.select({ id: joiningCycles.id }).from(joiningCycles).where(and(eq(joiningCycles.tenantId, tenantId), eq(joiningCycles.id, input.cycleId)));
  if (!cycle) throw invalid('cycleId', 'Cycle inconnu.');
  const [taken] = await ctx.db
    .select({ communeId: communeMemberships.communeId })
    .from(communeMemberships)
    .where(and(eq(communeMemberships.tenantId, tenantId), eq(communeMemberships.inseeCode, input.inseeCode)));
  if (taken && taken.communeId !== communeId) throw invalid('inseeCode', 'Ce code INSEE est déjà celui d’une autre commune.');
  const { version, ...answer } = input;
  const values = { ...answer, tenantId, communeId, decidedAt: ctx.now() };
  return ctx.db.transaction(async (tx) => {
    const current = await lockMembership(tx, tenantId, communeId);
    if (version !== undefined) assertVersion(current ?? { version: 0 }, version);
    const [row] = await tx
      .insert(communeMemberships)
      .values(values)
      .onConflictDoUpdate({ target: [communeMemberships.tenantId, communeMemberships.communeId], set: { ...values, version: sql`${communeMemberships.version} + 1` } })
      .returning();
    if (input.status === 'refused') await tx.delete(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.communeId, communeId)));
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'metropole-membership', entityId: communeId, after: input }]);
    return row;
  });
}

/** The services a joined commune takes « à la carte », replaced as a whole. */
export async function setSubscriptions(ctx: Ctx, communeId: string, raw: { serviceIds: string[] }) {
  const actor = metropoleManager(ctx);
  const input = subscriptionsInput.parse(raw);
  const tenantId = actor.tenantId;
  const [membership] = await ctx.db.select().from(communeMemberships).where(and(eq(communeMemberships.tenantId, tenantId), eq(communeMemberships.communeId, communeId)));
  if (!membership) throw notFound('Commune');
  if (membership.status !== 'joined') throw invalid('serviceIds', "Cette commune n'a pas adhéré : elle ne souscrit à aucun service.");
  const ids = [...new Set(input.serviceIds)];
  const known = ids.length
    ? await ctx.db.select({ id: catalogueServices.id }).from(catalogueServices).where(and(eq(catalogueServices.tenantId, tenantId), inArray(catalogueServices.id, ids)))
    : [];
  if (known.length !== ids.length) throw invalid('serviceIds', 'Service inconnu du catalogue.');
  const version = await ctx.db.transaction(async (tx) => {
    // the guarded write: the answer read above exists, so no row here means another's change in between
    const [bumped] = await tx
      .update(communeMemberships)
      .set({ version: sql`${communeMemberships.version} + 1` })
      .where(and(eq(communeMemberships.tenantId, tenantId), eq(communeMemberships.communeId, communeId), input.version === undefined ? undefined : eq(communeMemberships.version, input.version)))
      .returning({ version: communeMemberships.version });
    assertUpdated(bumped);
    await tx.delete(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.communeId, communeId)));
    if (ids.length) await tx.insert(subscriptions).values(ids.map((serviceId) => ({ tenantId, communeId, serviceId, cycleId: membership.cycleId })));
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'metropole-subscriptions', entityId: communeId, after: { serviceIds: ids } }]);
    return bumped.version;
  });
  return { communeId, serviceIds: ids, version };
}

/** The commune's answer, locked until the transaction ends (two managers saving at once: one waits, then sees the new version). */
async function lockMembership(tx: Db, tenantId: string, communeId: string) {
  const [row] = await tx
    .select({ version: communeMemberships.version })
    .from(communeMemberships)
    .where(and(eq(communeMemberships.tenantId, tenantId), eq(communeMemberships.communeId, communeId)))
    .for('update');
  return row;
}
