import { and, eq, sql } from 'drizzle-orm';
import type { AuthedCtx, Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { AppError } from '../../../../server/platform/errors.js';
import { returnProjectLoan } from '../../../parc/index.js';
import { dossierEvents } from '../../db/schema.js';
import type { DossierRow } from '../../dossier-states.js';
import { projectLoans } from '../db/schema.js';
import { projectOf } from '../project-store.js';

/**
 * A project file that leaves « accepté » (reopened, then perhaps refused) gives its loan back:
 * the devices return to the authority's stock in the transaction of the move, so a failure
 * leaves both the file and the fleet as they were. Accepting it again lends anew from the stock.
 * The file's history and each device's keep the loan and its return.
 */
export async function returnOnReopening(ctx: Ctx, tx: Db, before: DossierRow, after: DossierRow): Promise<void> {
  if (before.state !== 'accepte' || after.state === 'accepte' || !before.establishmentId) return;
  const project = await projectOf(tx, after.tenantId, after.id);
  if (!project || !project.assetIds.length) return;
  if (!ctx.actor) throw new AppError('CONFLICT', 'Le retour d’un prêt au titre d’un projet ne se fait que par une personne.');
  const { returnedIds, keptIds } = await returnProjectLoan(ctx as AuthedCtx, tx, {
    tenantId: after.tenantId,
    establishmentId: before.establishmentId,
    assetIds: project.assetIds,
    reason: `dossier n° ${after.number} rouvert`,
  });
  await tx
    .update(projectLoans)
    .set({ assetIds: [], lentAt: null, updatedAt: ctx.now(), version: sql`${projectLoans.version} + 1` })
    .where(and(eq(projectLoans.tenantId, after.tenantId), eq(projectLoans.dossierId, after.id)));
  const kept = keptIds.length ? ` ; ${keptIds.length} ne sont plus prêtés à l’établissement et restent où ils sont` : '';
  await tx.insert(dossierEvents).values({
    tenantId: after.tenantId,
    dossierId: after.id,
    at: ctx.now(),
    kind: 'loan-returned',
    reason: `${returnedIds.length} équipement(s) du prêt rendu(s) au stock${kept}`,
    actorUserId: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    actorLabel: ctx.actor.label,
    details: { returnedAssetIds: returnedIds, keptAssetIds: keptIds, lentAt: project.lentAt?.toISOString() ?? null },
  });
}
