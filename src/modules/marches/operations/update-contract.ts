import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { updateVersioned, type VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { requireManageFor } from '../contract-access.js';
import { loadContract, requireOrganizations, requireVersion, type ContractRow } from '../contract-store.js';
import { contracts } from '../db/schema.js';
import { changesOf, contractFields } from './contract.input.js';
import { checkContractLinks, checkCpvListed } from './create-contract.js';

export const updateContractInput = changesOf(contractFields).extend({ version: z.number().int().min(1) });
export type UpdateContractInput = z.infer<typeof updateContractInput>;

/** What a notified contract keeps as published: it changes only through an amendment (avenant). */
const publishedFields = ['reference', 'kind', 'parentId', 'procedure', 'cpvCode', 'buyerOrganizationId', 'buyerSiret', 'holders', 'notifiedOn', 'startsOn', 'durationMonths', 'renewals', 'estimateCents', 'ccag', 'priceForm'] as const;

export async function updateContract(ctx: Ctx, input: VersionedUpdateInput<UpdateContractInput>): Promise<ContractRow> {
  authorize(ctx.actor, 'contract.manage');
  const current = await loadContract(ctx, input.id, 'contract.manage');
  requireManageFor(ctx.actor, current.buyerOrganizationId);
  const { version, ...changes } = input.changes;
  requireVersion(current, version);
  if (current.status !== 'draft') {
    const touched = publishedFields.filter((f) => changes[f] !== undefined && JSON.stringify(changes[f]) !== JSON.stringify(current[f]));
    if (touched.length) {
      throw new AppError('CONFLICT', 'Ce marché est notifié : ses données publiées ne changent que par un avenant.', { issues: touched.map((path) => ({ path, message: 'Modifiable par avenant seulement.' })) });
    }
  }
  if (changes.cpvCode !== undefined) checkCpvListed(changes.cpvCode);
  if (changes.buyerOrganizationId) requireManageFor(ctx.actor, changes.buyerOrganizationId);
  await requireOrganizations(ctx.db, [{ path: 'buyerOrganizationId', id: changes.buyerOrganizationId ?? null }]);
  const merged = { ...current, ...changes };
  await checkContractLinks(ctx, current.tenantId, merged, current.id);
  return updateVersioned(ctx, { table: contracts, tenantId: current.tenantId, id: current.id, version, changes, entityType: 'contract', label: 'Marché' });
}
