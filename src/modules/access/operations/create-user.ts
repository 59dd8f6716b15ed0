import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { users } from '../db/schema.js';
import { checkPasswordPolicy, hashPassword } from '../passwords.js';
import { createUserInput, type CreateUserInput } from './create-user.input.js';

export { createUserInput, type CreateUserInput };

/** A global identity; the tenant it is audited in is the one the caller creates it for. */
export async function createUser(ctx: Ctx, input: CreateUserInput & { tenantId: string }) {
  const { tenantId } = input;
  const parsed = createUserInput.parse(input);
  if (parsed.password !== undefined) checkPasswordPolicy(parsed.password);
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, parsed.email));
  if (existing) throw new AppError('CONFLICT', `Un compte existe déjà pour ${parsed.email}.`);
  const passwordHash = parsed.password ? await hashPassword(parsed.password) : null;
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email: parsed.email, displayName: parsed.displayName, passwordHash }).returning();
    await recordAudit(ctx, tx, [
      { tenantId, action: 'create', entityType: 'user', entityId: user.id, after: { email: user.email, displayName: user.displayName } },
    ]);
    return user;
  });
}

export async function findUserByEmail(ctx: Ctx, email: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}
