import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { findOrganizationByCode } from '../db/queries.js';
import { organizations, partnerships } from '../db/schema.js';
import { authorityKinds } from '../organization-kinds.js';
import { addPartnerInput, type AddPartnerInput } from './add-partner.input.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export { addPartnerInput };

/** Links a partner to the active authority, creating the organization when the code is new. */
export async function addPartner(ctx: Ctx, input: AddPartnerInput) {
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
