import { and, eq, sql } from 'drizzle-orm';
import type { AuthedCtx, Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { AppError } from '../../../../server/platform/errors.js';
import { lendForProject } from '../../../parc/index.js';
import type { DossierRow } from '../../dossier-states.js';
import { schoolFacts } from '../../routing.js';
import { dossierEvents } from '../../db/schema.js';
import { projectLoans } from '../db/schema.js';
import { projectOf } from '../project-store.js';

/**
 * Accepting a project file lends its devices in the Parc, in the transaction of the acceptance:
 * without enough devices in stock the acceptance is refused (409) and nothing changes. A file
 * reopened gives its loan back (return-on-reopening.ts) and, accepted again, borrows anew. Files without a project (a call run
 * on its form alone) are accepted as before.
 */
export async function lendOnAcceptance(ctx: Ctx, tx: Db, before: DossierRow, after: DossierRow): Promise<void> {
  if (after.state !== 'accepte' || before.state === 'accepte' || !after.establishmentId) return;
  const project = await projectOf(tx, after.tenantId, after.id);
  if (!project || project.assetIds.length) return;
  if (!ctx.actor) throw new AppError('CONFLICT', 'Un prêt au titre d’un projet ne s’accorde que par une personne.');
  const school = await schoolFacts(tx, after.tenantId, after.establishmentId);
  let lent: { assetIds: string[] };
  try {
    lent = await lendForProject(ctx as AuthedCtx, tx, {
      tenantId: after.tenantId,
      establishmentId: after.establishmentId,
      assetClass: project.assetClass,
      quantity: project.quantity,
      borrower: `${project.title} — ${school.name} (dossier n° ${after.number})`,
      from: project.startsOn,
      until: project.endsOn,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') throw new AppError('CONFLICT', `Le dossier n° ${after.number} ne peut pas être accepté : ${error.message}`, { details: { reason: 'stock' } });
    throw error;
  }
  await tx
    .update(projectLoans)
    .set({ assetIds: lent.assetIds, lentAt: ctx.now(), updatedAt: ctx.now(), version: sql`${projectLoans.version} + 1` })
    .where(and(eq(projectLoans.tenantId, after.tenantId), eq(projectLoans.dossierId, after.id)));
  await tx.insert(dossierEvents).values({
    tenantId: after.tenantId,
    dossierId: after.id,
    at: ctx.now(),
    kind: 'loan',
    reason: `${lent.assetIds.length} équipement(s) prêté(s) du ${project.startsOn} au ${project.endsOn}`,
    actorUserId: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    actorLabel: ctx.actor.label,
    details: { assetIds: lent.assetIds },
  });
}
