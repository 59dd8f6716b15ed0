import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { requireManageFor } from '../contract-access.js';
import { requireOrganizations, type ContractRow } from '../contract-store.js';
import { contracts, lots, purchasingGroups } from '../db/schema.js';
import { isListedCpv } from '../rules/cpv-list.js';
import { createContractInput, type ContractFields } from './contract.input.js';

export { createContractInput };
export type CreateContractInput = z.infer<typeof createContractInput>;

/** The rules between fields: a subsequent contract has its framework, a group's contract is bought by its coordinator. */
export async function checkContractLinks(ctx: Ctx, tenantId: string, input: Pick<ContractFields, 'parentId' | 'groupId' | 'buyerOrganizationId'> & { kind: string }, selfId?: string): Promise<void> {
  if (input.kind === 'subsequent') {
    if (!input.parentId) throw new AppError('VALIDATION', "Un marché subséquent indique l'accord-cadre dont il découle.", { issues: [{ path: 'parentId', message: 'Accord-cadre requis.' }] });
    const [parent] = await ctx.db.select({ kind: contracts.kind, id: contracts.id }).from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, input.parentId)));
    if (!parent || parent.id === selfId || parent.kind !== 'framework-subsequent') {
      throw new AppError('VALIDATION', "L'accord-cadre parent doit être un accord-cadre à marchés subséquents de la collectivité.", { issues: [{ path: 'parentId', message: 'Accord-cadre introuvable.' }] });
    }
  } else if (input.parentId) {
    throw new AppError('VALIDATION', 'Seul un marché subséquent a un accord-cadre parent.', { issues: [{ path: 'parentId', message: 'Sans objet pour ce type de marché.' }] });
  }
  if (input.groupId) {
    const [group] = await ctx.db.select().from(purchasingGroups).where(and(eq(purchasingGroups.tenantId, tenantId), eq(purchasingGroups.id, input.groupId)));
    if (!group) throw new AppError('VALIDATION', 'Groupement de commandes introuvable.', { issues: [{ path: 'groupId', message: 'Groupement introuvable.' }] });
    if (group.coordinatorOrganizationId !== input.buyerOrganizationId) {
      throw new AppError('VALIDATION', "L'acheteur d'un marché du groupement est son coordonnateur.", { issues: [{ path: 'buyerOrganizationId', message: 'Le coordonnateur du groupement est attendu.' }] });
    }
  }
}

/** A CPV code of the official 2008 list: the schema checks its form, only the list its existence (and its check digit). */
export function checkCpvListed(code: string, path = 'cpvCode'): void {
  if (!isListedCpv(code)) {
    throw new AppError('VALIDATION', `Le code CPV ${code} ne figure pas dans la nomenclature CPV 2008 : vérifiez ses huit chiffres et son chiffre de contrôle.`, { issues: [{ path, message: 'Code absent de la nomenclature CPV 2008.' }] });
  }
}

export function checkLotNumbers(numbers: number[]): void {
  const seen = new Set<number>();
  for (const n of numbers) {
    if (seen.has(n)) throw new AppError('VALIDATION', `Deux lots portent le numéro ${n}.`, { issues: [{ path: 'lots', message: `Numéro ${n} en double.` }] });
    seen.add(n);
  }
}

export async function createContract(ctx: Ctx, input: CreateContractInput): Promise<ContractRow> {
  authorize(ctx.actor, 'contract.manage');
  const tenantId = ctx.actor.tenantId;
  requireManageFor(ctx.actor, input.buyerOrganizationId);
  checkCpvListed(input.cpvCode);
  await requireOrganizations(ctx.db, [{ path: 'buyerOrganizationId', id: input.buyerOrganizationId }, ...input.lots.map((l, i) => ({ path: `lots.${i}.holderOrganizationId`, id: l.holderOrganizationId }))]);
  await checkContractLinks(ctx, tenantId, input);
  checkLotNumbers(input.lots.map((l) => l.number));
  const { lots: lotInputs, ...fields } = input;
  const [taken] = await ctx.db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.reference, fields.reference)));
  if (taken) throw new AppError('CONFLICT', `Un marché porte déjà la référence ${fields.reference}.`);
  return ctx.db.transaction(async (tx) => {
    const [contract] = await tx.insert(contracts).values({ ...fields, tenantId }).returning();
    if (lotInputs.length) await tx.insert(lots).values(lotInputs.map((l) => ({ ...l, tenantId, contractId: contract.id })));
    await recordAudit(ctx, tx, [{ tenantId, action: 'contract.create', entityType: 'contract', entityId: contract.id, after: input }]);
    return contract;
  });
}
