import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { transitionDossier } from '../../dossier-states.js';
import { assertCampaignOpen, loadOwnAidFile } from '../file-store.js';
import { missingItems } from '../rules/missing.js';

export const versionInput = z.object({ version: z.number().int() });

/** Submits the family's file: complete, before closing; what is missing is named, nothing changes. */
export async function submitAidFile(ctx: Ctx, id: string, input: z.infer<typeof versionInput>) {
  authorize(ctx.actor, 'family-aid.apply');
  const actx = { ...ctx, actor: ctx.actor };
  await ctx.db.transaction(async (tx) => {
    const file = await loadOwnAidFile(actx, tx, id);
    assertCampaignOpen(file.campaign, ctx.now());
    const missing = missingItems(file.aid);
    if (missing.length) {
      throw new AppError('VALIDATION', `Il manque encore : ${missing.map((m) => m.message.replace(/\.$/, '').toLowerCase()).join(' ; ')}.`, { issues: missing });
    }
    await transitionDossier(ctx, tx, {
      dossier: file.dossier,
      transition: 'submit',
      version: input.version,
      // the core's answers hold the non-personal choices only (partners' exports read them); income and names stay in family_aid_files
      set: { answers: { device: file.aid.deviceCode, instalments: file.aid.instalments, insurance: file.aid.insurance } },
    });
  });
}
