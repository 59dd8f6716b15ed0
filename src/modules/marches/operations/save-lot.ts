import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { updateVersioned, type VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { requireManageFor } from '../contract-access.js';
import { loadContract, loadLot, requireOrganizations, requireVersion, type LotRow } from '../contract-store.js';
import { lots } from '../db/schema.js';
import { changesOf, lotFields } from './contract.input.js';

/** Adds a lot to a contract in preparation (a notified contract gains no lot but by a new procedure). */
export async function addLot(ctx: Ctx, contractId: string, input: z.infer<typeof lotFields>): Promise<LotRow> {
  const contract = await loadContract(ctx, contractId, 'contract.manage');
  requireManageFor(ctx.actor!, contract.buyerOrganizationId);
  if (contract.status !== 'draft') throw new AppError('CONFLICT', 'Ce marché est notifié : ses lots ne changent plus que par avenant.');
  await requireOrganizations(ctx.db, [{ path: 'holderOrganizationId', id: input.holderOrganizationId }]);
  const [taken] = await ctx.db.select({ id: lots.id }).from(lots).where(and(eq(lots.tenantId, contract.tenantId), eq(lots.contractId, contract.id), eq(lots.number, input.number)));
  if (taken) throw new AppError('CONFLICT', `Le lot ${input.number} existe déjà dans ce marché.`);
  return ctx.db.transaction(async (tx) => {
    const [lot] = await tx.insert(lots).values({ ...input, tenantId: contract.tenantId, contractId: contract.id }).returning();
    await recordAudit(ctx, tx, [{ tenantId: contract.tenantId, action: 'lot.create', entityType: 'lot', entityId: lot.id, after: input }]);
    return lot;
  });
}

export const updateLotInput = changesOf(lotFields).extend({ version: z.number().int().min(1) });

/** What a notified contract's lot keeps: its ceilings and duration change by amendment only. */
const amendedOnly = ['number', 'holderSiret', 'durationMonths', 'awardedCents', 'minAmountCents', 'maxAmountCents', 'minQuantity', 'maxQuantity', 'estimateCents'] as const;

export async function updateLot(ctx: Ctx, input: VersionedUpdateInput<z.infer<typeof updateLotInput>>): Promise<LotRow> {
  const { lot, contract } = await loadLot(ctx, input.id, 'contract.manage');
  requireManageFor(ctx.actor!, contract.buyerOrganizationId);
  const { version, ...changes } = input.changes;
  requireVersion(lot, version);
  if (contract.status !== 'draft') {
    const touched = amendedOnly.filter((f) => changes[f] !== undefined && changes[f] !== lot[f]);
    if (touched.length) throw new AppError('CONFLICT', 'Ce marché est notifié : les plafonds, la durée et le titulaire du lot ne changent que par un avenant.', { issues: touched.map((path) => ({ path, message: 'Modifiable par avenant seulement.' })) });
  }
  await requireOrganizations(ctx.db, [{ path: 'holderOrganizationId', id: changes.holderOrganizationId ?? null }]);
  return updateVersioned(ctx, { table: lots, tenantId: lot.tenantId, id: lot.id, version, changes, entityType: 'lot', label: 'Lot' });
}
