import { randomBytes } from 'node:crypto';
import { isNotNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { checkPasswordPolicy, hashPassword } from '../../access/index.js';
import { agentCredentials } from '../db/schema.js';
import { createAgentCredentialInput, type CreateAgentCredentialInput } from './create-agent-credential.input.js';

export { createAgentCredentialInput, type CreateAgentCredentialInput };

function checkUsername(username: string, tenantCode: string) {
  const rest = username === tenantCode ? '' : username.startsWith(`${tenantCode}/`) ? username.slice(tenantCode.length + 1) : null;
  const message =
    rest === null
      ? `Le nom d’utilisateur doit commencer par le code de la collectivité : « ${tenantCode} » ou « ${tenantCode}/nom ».`
      : rest !== '' && !/^[a-z0-9][a-z0-9._-]{0,79}$/.test(rest)
        ? 'Après « / », le nom ne peut contenir que des minuscules, des chiffres, des points, des tirets et des soulignés.'
        : null;
  if (message) throw new AppError('VALIDATION', message, { issues: [{ path: 'username', message }] });
}

/** A new credential (or a revoked one given a new password); the password is returned this once only. */
export async function createAgentCredential(ctx: Ctx, input: CreateAgentCredentialInput) {
  authorize(ctx.actor, 'inventory.manage');
  const tenantId = ctx.actor.tenantId;
  checkUsername(input.username, ctx.actor.tenantCode);
  if (input.password !== undefined) checkPasswordPolicy(input.password);
  const password = input.password ?? randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agentCredentials)
      .values({ tenantId, username: input.username, label: input.label, passwordHash, createdAt: now })
      .onConflictDoUpdate({
        target: [agentCredentials.tenantId, agentCredentials.username],
        set: { label: input.label, passwordHash, createdAt: now, revokedAt: sql`null` },
        setWhere: isNotNull(agentCredentials.revokedAt),
      })
      .returning();
    if (!row) {
      throw new AppError('CONFLICT', `Les identifiants « ${input.username} » existent déjà : révoquez-les avant d’en créer de nouveaux sous ce nom.`);
    }
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'agent-credential', entityId: row.username, after: { username: row.username, label: row.label } }]);
    return { row, password };
  });
}

