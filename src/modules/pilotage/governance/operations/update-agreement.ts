import type { Ctx } from '../../../../server/platform/context.js';
import { updateVersioned } from '../../../../server/platform/versioned-update.js';
import { governanceActor } from '../access.js';
import { agreements } from '../db/schema.js';
import { updateAgreementInput, type UpdateAgreementInput } from './agreement.input.js';
import { checkAgreement } from './create-agreement.js';

/** An agreement rewritten (parties, dates, commitments, service levels); the version read must be current. */
export async function updateAgreement(ctx: Ctx, agreementId: string, raw: UpdateAgreementInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const { version, ...input } = updateAgreementInput.parse(raw);
  const tenantId = actor.tenantId;
  await checkAgreement(ctx, tenantId, input);
  return updateVersioned(ctx, { table: agreements, tenantId, id: agreementId, version, changes: input, entityType: 'governance-agreement', label: 'Convention' });
}
