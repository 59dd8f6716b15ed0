import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { findOrganizationByCode } from '../db/queries.js';
import { organizations, partnerships } from '../db/schema.js';
import { organizationKinds } from '../organization-kinds.js';

export const createOrganizationInput = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Code en minuscules, chiffres et tirets (2 à 63 caractères).'),
  kind: z.enum(organizationKinds),
  name: z.string().trim().min(2).max(200),
  academyCode: z.string().trim().regex(/^[0-9]{2}$/).nullable().optional(),
  /** Authorities this organization works with, as a partner inside their tenant. */
  partnerOf: z.array(z.string()).optional(),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

/** Creates an organization (its own tenant) and, optionally, its partnerships with authorities. */
export async function createOrganization(ctx: Ctx, input: CreateOrganizationInput) {
  const parsed = createOrganizationInput.parse(input);
  if (await findOrganizationByCode(ctx.db, parsed.code)) {
    throw new AppError('CONFLICT', `Une organisation porte déjà le code « ${parsed.code} ».`);
  }
  const partners: NonNullable<Awaited<ReturnType<typeof findOrganizationByCode>>>[] = [];
  for (const code of parsed.partnerOf ?? []) {
    const authority = await findOrganizationByCode(ctx.db, code);
    if (!authority) throw new AppError('NOT_FOUND', `Organisation « ${code} » introuvable.`);
    partners.push(authority);
  }
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ tenantId: crypto.randomUUID(), code: parsed.code, kind: parsed.kind, name: parsed.name, academyCode: parsed.academyCode ?? null })
      .returning();
    await recordAudit(ctx, tx, [{ tenantId: org.tenantId, action: 'create', entityType: 'organization', entityId: org.tenantId, after: parsed }]);
    for (const authority of partners) {
      await tx.insert(partnerships).values({ tenantId: authority.tenantId, partnerId: org.tenantId, role: org.kind });
      await recordAudit(ctx, tx, [
        { tenantId: authority.tenantId, action: 'create', entityType: 'partnership', entityId: org.tenantId, after: { partner: org.code } },
      ]);
    }
    return org;
  });
}
