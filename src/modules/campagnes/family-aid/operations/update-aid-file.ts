import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { findEstablishmentByUai } from '../../../referentiel/index.js';
import { deviceOf } from '../campaign-settings.js';
import { familyAidFiles } from '../db/schema.js';
import { assertCampaignOpen, editableStates, loadOwnAidFile, touchDossier } from '../file-store.js';
import { AidRuleError, baseAidCents, computeAid, firstDueDateAfter, maxInstalments } from '../rules/aid.js';

const name = z.string().trim().min(1).max(100);

export const updateAidFileInput = z.object({
  version: z.number().int(),
  pupilFirstName: name.nullable().optional(),
  pupilLastName: name.nullable().optional(),
  pupilClass: z.string().trim().max(50).nullable().optional(),
  uai: z.string().trim().toUpperCase().regex(/^\d{7}[A-Z]$/, 'UAI : 7 chiffres et une lettre.').nullable().optional(),
  device: z.string().trim().max(40).nullable().optional(),
  householdIncomeCents: z.number().int().min(0, 'Le revenu fiscal de référence ne peut pas être négatif.').max(1e12).nullable().optional(),
  instalments: z.number().int().min(1, `Entre 1 et ${maxInstalments} échéances.`).max(maxInstalments, `Entre 1 et ${maxInstalments} échéances.`).optional(),
  insurance: z.boolean().optional(),
});
export type UpdateAidFileInput = z.infer<typeof updateAidFileInput>;

/** The family fills its file (a draft, or a submitted one until review starts); the aid is recomputed each time. */
export async function updateAidFile(ctx: Ctx, id: string, input: UpdateAidFileInput) {
  authorize(ctx.actor, 'family-aid.apply');
  const actx = { ...ctx, actor: ctx.actor };
  await ctx.db.transaction(async (tx) => {
    const file = await loadOwnAidFile(actx, tx, id);
    if (!(editableStates as readonly string[]).includes(file.dossier.state)) {
      throw new AppError('CONFLICT', `Le dossier n° ${file.dossier.number} est en instruction ou décidé : il ne se modifie plus.`);
    }
    assertCampaignOpen(file.campaign, ctx.now());
    let establishmentId = file.aid.establishmentId;
    if (input.uai !== undefined) {
      const school = input.uai ? await findEstablishmentByUai(tx, { tenantId: ctx.actor!.tenantId, uai: input.uai }) : null;
      if (input.uai && !school) throw new AppError('VALIDATION', `Aucun établissement de la collectivité ne porte l’UAI ${input.uai}.`, { issues: [{ path: 'uai', message: 'UAI inconnu.' }] });
      establishmentId = school?.id ?? null;
    }
    const deviceCode = input.device === undefined ? file.aid.deviceCode : input.device;
    const device = deviceCode ? deviceOf(file.campaign, deviceCode) : null;
    const income = input.householdIncomeCents === undefined ? file.aid.householdIncomeCents : input.householdIncomeCents;
    const insurance = input.insurance ?? file.aid.insurance;
    let amounts = { aidCents: 0, familyCents: 0, priceCents: device?.priceCents ?? null };
    if (device && income !== null) {
      try {
        const r = computeAid({ priceCents: device.priceCents, householdIncomeCents: income, socialFundCents: Math.min(file.aid.socialFundCents, device.priceCents - baseAidCents(device.priceCents, income)), insurance });
        amounts = { aidCents: r.aidCents, familyCents: r.familyCents, priceCents: r.priceCents };
      } catch (error) {
        if (error instanceof AidRuleError) throw new AppError('VALIDATION', error.message);
        throw error;
      }
    }
    await touchDossier(actx, tx, file, input.version);
    await tx
      .update(familyAidFiles)
      .set({
        pupilFirstName: input.pupilFirstName === undefined ? file.aid.pupilFirstName : input.pupilFirstName,
        pupilLastName: input.pupilLastName === undefined ? file.aid.pupilLastName : input.pupilLastName,
        pupilClass: input.pupilClass === undefined ? file.aid.pupilClass : input.pupilClass,
        establishmentId,
        deviceCode: device?.code ?? null,
        priceCents: amounts.priceCents,
        householdIncomeCents: income,
        aidCents: amounts.aidCents,
        familyCents: amounts.familyCents,
        insurance,
        instalments: input.instalments ?? file.aid.instalments,
        firstDueDate: firstDueDateAfter(ctx.now()),
        touchedAt: ctx.now(),
        expiryWarnedAt: null,
      })
      .where(and(eq(familyAidFiles.tenantId, file.aid.tenantId), eq(familyAidFiles.dossierId, id)));
  });
}
