import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { establishmentScope, inScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { recordFamilyDevice } from '../../../parc/index.js';
import { dossierEvents } from '../../db/schema.js';
import { deviceOf } from '../campaign-settings.js';
import { familyAidFiles } from '../db/schema.js';
import { loadAidFile, touchDossier } from '../file-store.js';
import { authed } from '../instructors.js';

export const deliveryInput = z.object({
  version: z.number().int(),
  serial: z.string().trim().min(1, 'Indiquez le numéro de série.').max(100),
});

/**
 * The school's staff hand the device over: the accepted file is marked delivered and the family's
 * device enters the Parc (BYOD, owned by the family, funded by the aid), in one transaction.
 */
export async function recordDelivery(ctx: Ctx, id: string, input: z.infer<typeof deliveryInput>) {
  const actx = authed(ctx, 'family-aid.deliver');
  return ctx.db.transaction(async (tx) => {
    const file = await loadAidFile(tx, actx.actor.tenantId, id);
    const scope = establishmentScope(actx.actor, 'family-aid.deliver');
    if (!file || !file.aid.establishmentId || !inScope(scope, { id: file.aid.establishmentId, unitId: null, academyCode: null })) {
      throw new AppError('NOT_FOUND', 'Dossier introuvable.');
    }
    if (file.dossier.state !== 'accepte') throw new AppError('CONFLICT', `Le dossier n° ${file.dossier.number} n’est pas accepté : l’équipement ne peut pas être remis.`);
    if (file.aid.deliveredAt) throw new AppError('CONFLICT', `L’équipement du dossier n° ${file.dossier.number} a déjà été remis.`);
    const device = deviceOf(file.campaign, file.aid.deviceCode ?? '');
    await touchDossier(actx, tx, file, input.version);
    const pupil = [file.aid.pupilFirstName, file.aid.pupilLastName].filter(Boolean).join(' ');
    const asset = await recordFamilyDevice(actx, tx, {
      tenantId: file.aid.tenantId,
      establishmentId: file.aid.establishmentId,
      name: file.aid.pupilClass ? `${pupil}, ${file.aid.pupilClass}` : pupil,
      serial: input.serial,
      model: device.label,
      priceCents: device.priceCents,
      deliveredOn: ctx.now().toISOString().slice(0, 10),
      reference: `${file.campaign.code} n° ${file.dossier.number}`,
    });
    const now = ctx.now();
    await tx
      .update(familyAidFiles)
      .set({ deliveredAt: now, deliveredSerial: input.serial.toUpperCase().replace(/\s+/g, ''), assetId: asset.id })
      .where(and(eq(familyAidFiles.tenantId, file.aid.tenantId), eq(familyAidFiles.dossierId, id)));
    await tx.insert(dossierEvents).values({ tenantId: file.aid.tenantId, dossierId: id, at: now, kind: 'delivery', actorUserId: actx.actor.id, actorLabel: actx.actor.label, details: { assetId: asset.id } });
    return { assetId: asset.id };
  });
}
