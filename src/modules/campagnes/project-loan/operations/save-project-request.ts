import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../../server/platform/versioned-update.js';
import { authed, loadDossier } from '../../campaign-access.js';
import { stateLabels } from '../../dossier-states.js';
import { projectLoans } from '../db/schema.js';
import { assertProjectCall, projectOf } from '../project-store.js';
import { lastsAtLeastATerm, loanClasses } from '../rules.js';

const day = z.iso.date({ message: 'Une date au format AAAA-MM-JJ.' });

export const projectRequestInput = z
  .object({
    title: z.string().trim().min(3, 'Donnez un titre au projet (3 caractères au moins).').max(200, 'Au plus 200 caractères.'),
    assetClass: z.enum(loanClasses, { message: 'Tablettes ou classe mobile (tablet, mobile-cart).' }),
    quantity: z.number({ message: 'Indiquez une quantité.' }).int('Une quantité entière.').min(1, 'Au moins 1.').max(500, 'Au plus 500.'),
    startsOn: day,
    endsOn: day,
    /** The request's version the school read (0 before its first save). */
    version: z.number().int().min(0),
  })
  .refine((p) => lastsAtLeastATerm(p.startsOn, p.endsOn), {
    message: 'Un projet pédagogique dure au moins un trimestre : la date de fin doit venir trois mois au moins après la date de début.',
    path: ['endsOn'],
  });
export type ProjectRequestInput = z.infer<typeof projectRequestInput>;

/** The school says what it borrows, for which project and dates, while the file is its own to edit. */
export async function saveProjectRequest(ctx: Ctx, dossierId: string, input: ProjectRequestInput) {
  authed(ctx, 'dossier.apply');
  const { dossier, campaign } = await loadDossier(ctx, dossierId, 'apply');
  assertProjectCall(campaign);
  if (!['brouillon', 'en_construction'].includes(dossier.state)) {
    throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} est « ${stateLabels[dossier.state]} » : le projet ne se modifie plus.`);
  }
  const now = ctx.now();
  const values = { title: input.title, assetClass: input.assetClass, quantity: input.quantity, startsOn: input.startsOn, endsOn: input.endsOn, updatedAt: now };
  const current = await projectOf(ctx.db, dossier.tenantId, dossier.id);
  assertVersion({ version: current?.version ?? 0 }, input.version);
  if (!current) {
    const [inserted] = await ctx.db.insert(projectLoans).values({ tenantId: dossier.tenantId, dossierId: dossier.id, campaignId: campaign.id, ...values }).onConflictDoNothing().returning();
    assertUpdated(inserted);
    return { version: inserted.version };
  }
  const [updated] = await ctx.db
    .update(projectLoans)
    .set({ ...values, version: sql`${projectLoans.version} + 1` })
    .where(and(eq(projectLoans.tenantId, dossier.tenantId), eq(projectLoans.dossierId, dossier.id), eq(projectLoans.version, input.version)))
    .returning();
  assertUpdated(updated);
  return { version: updated.version };
}
