import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { findOrganizationByCode } from '../db/queries.js';
import { organizations, partnerships } from '../db/schema.js';
import { authorityKinds, organizationKinds } from '../organization-kinds.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export const addPartnerInput = z.object({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Code en minuscules, chiffres et tirets.'),
  kind: z.enum(organizationKinds).optional(),
  name: z.string().trim().min(2).max(200).optional(),
  academyCode: z.string().regex(/^[0-9]{2}$/).nullable().optional(),
});

/** Links a partner to the active authority, creating the organization when the code is new. */
export async function addPartner(ctx: Ctx, input: z.infer<typeof addPartnerInput>) {
  authorize(ctx.actor, 'organization.manage');
  const tenantId = ctx.actor.tenantId;
  const existing = await findOrganizationByCode(ctx.db, input.code);
  if (!existing && (!input.kind || !input.name)) {
    throw new AppError('VALIDATION', `Aucune organisation ne porte le code « ${input.code} » : indiquez son type et son nom pour la créer.`);
  }
  if (existing?.tenantId === tenantId) throw new AppError('CONFLICT', 'Une organisation ne peut pas être sa propre partenaire.');
  if (!existing && authorityKinds.includes(input.kind!)) {
    throw new AppError('FORBIDDEN', "Une collectivité se crée par l'administration de la plateforme (commande coherence organizations create).");
  }
  return changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      const org =
        existing ??
        (await tx
          .insert(organizations)
          .values({ tenantId: crypto.randomUUID(), code: input.code, kind: input.kind!, name: input.name!, academyCode: input.academyCode ?? null })
          .returning()
          .then((r) => r[0]));
      const [link] = await tx.insert(partnerships).values({ tenantId, partnerId: org.tenantId, role: org.kind }).onConflictDoNothing().returning();
      if (!link) throw new AppError('CONFLICT', `« ${org.name} » est déjà partenaire.`);
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'partnership', entityId: org.tenantId, after: { code: org.code, kind: org.kind, name: org.name } }]);
      return org;
    }),
  );
}
