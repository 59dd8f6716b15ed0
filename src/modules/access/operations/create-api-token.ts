import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { apiTokens } from '../db/schema.js';
import { randomToken, sha256 } from '../tokens.js';
import { checkRoleScope, checkScopeInTenant } from './assign-role.js';
import { createApiTokenInput, tokenAccessLevels, type CreateApiTokenInput } from './create-api-token.input.js';

export { createApiTokenInput, tokenAccessLevels, type CreateApiTokenInput };

/** The secret is shown once: coh_<tenant id without dashes>_<random>; only its SHA-256 is stored. */
export async function createApiToken(ctx: Ctx, input: CreateApiTokenInput) {
  authorize(ctx.actor, 'token.manage');
  const parsed = createApiTokenInput.parse(input);
  const tenantId = ctx.actor.tenantId;
  const expiresAt = parsed.expiresAt ? new Date(parsed.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.now()) {
    throw new AppError('VALIDATION', "La date d'expiration doit être dans le futur.", {
      issues: [{ path: 'expiresAt', message: 'Date passée.' }],
    });
  }
  // tokens carry no support level: only the rest of a technician scope (its units) is checked
  checkRoleScope({ ...parsed, level: parsed.role === 'technician' ? 0 : null });
  await checkScopeInTenant(ctx.db, tenantId, parsed);
  const secret = `coh_${tenantId.replace(/-/g, '')}_${randomToken(32)}`;
  return ctx.db.transaction(async (tx) => {
    const [token] = await tx
      .insert(apiTokens)
      .values({
        tenantId,
        name: parsed.name,
        tokenHash: sha256(secret),
        role: parsed.role,
        access: parsed.access,
        unitIds: [...new Set(parsed.unitIds)],
        establishmentId: parsed.establishmentId ?? null,
        createdBy: ctx.actor!.id,
        createdAt: ctx.now(),
        expiresAt,
      })
      .returning();
    const { tokenHash: _hash, ...after } = token;
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'api-token', entityId: token.id, after }]);
    return { token, secret };
  });
}
