import { and, eq, inArray } from 'drizzle-orm';
import type { Action } from '../../server/platform/authz.js';
import { authorize } from '../../server/platform/authz.js';
import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { AppError, notFound } from '../../server/platform/errors.js';
import { assertVersion } from '../../server/platform/versioned-update.js';
import { organizationsView } from '../referentiel/index.js';
import { contractScopeWhere, marchesScope } from './contract-access.js';
import { contracts, lots } from './db/schema.js';

export type ContractRow = typeof contracts.$inferSelect;
export type LotRow = typeof lots.$inferSelect;

/** A contract the actor reaches for the action; out of scope or of another tenant, it does not exist. */
export async function loadContract(ctx: Ctx, id: string, action: Action = 'contract.read'): Promise<ContractRow> {
  authorize(ctx.actor, action);
  const [row] = await ctx.db
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, id), contractScopeWhere(ctx.actor.tenantId, marchesScope(ctx.actor, 'contract.read'))));
  if (!row) throw notFound('Marché');
  return row;
}

/** A lot and its contract, reached through the contract's scope. */
export async function loadLot(ctx: Ctx, id: string, action: Action = 'contract.read'): Promise<{ lot: LotRow; contract: ContractRow }> {
  authorize(ctx.actor, action);
  const [lot] = await ctx.db.select().from(lots).where(and(eq(lots.tenantId, ctx.actor.tenantId), eq(lots.id, id)));
  if (!lot) throw notFound('Lot');
  try {
    return { lot, contract: await loadContract(ctx, lot.contractId, action) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Lot');
    throw error;
  }
}

/** The platform's version check (versioned-update.ts), under the name the contract operations use. */
export const requireVersion = assertVersion;

/** Names of organizations of the référentiel, by id. */
export async function organizationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: organizationsView.tenantId, name: organizationsView.name }).from(organizationsView).where(inArray(organizationsView.tenantId, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Refuses ids of organizations the référentiel does not know, naming the field. */
export async function requireOrganizations(db: Db, entries: { path: string; id: string | null }[]): Promise<void> {
  const known = await organizationNames(db, entries.flatMap((e) => (e.id ? [e.id] : [])));
  const missing = entries.filter((e) => e.id && !known.has(e.id));
  if (missing.length) {
    throw new AppError('VALIDATION', 'Organisation inconnue du référentiel.', { issues: missing.map((m) => ({ path: m.path, message: 'Organisation inconnue.' })) });
  }
}
