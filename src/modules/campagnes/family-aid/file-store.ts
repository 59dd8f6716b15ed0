import { and, eq, sql } from 'drizzle-orm';
import type { AuthedCtx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { establishmentsView } from '../../referentiel/index.js';
import { campaigns, dossiers } from '../db/schema.js';
import { familyAidFiles } from './db/schema.js';

/** A family aid file: the core's dossier, its aid columns and its campaign, loaded together. */
export async function loadAidFile(db: Db, tenantId: string, dossierId: string) {
  const [row] = await db
    .select({ dossier: dossiers, aid: familyAidFiles, campaign: campaigns, uai: establishmentsView.uai, schoolName: establishmentsView.name })
    .from(familyAidFiles)
    .innerJoin(dossiers, and(eq(dossiers.tenantId, familyAidFiles.tenantId), eq(dossiers.id, familyAidFiles.dossierId)))
    .innerJoin(campaigns, and(eq(campaigns.tenantId, familyAidFiles.tenantId), eq(campaigns.id, familyAidFiles.campaignId)))
    .leftJoin(establishmentsView, and(eq(establishmentsView.tenantId, familyAidFiles.tenantId), eq(establishmentsView.id, familyAidFiles.establishmentId)))
    .where(and(eq(familyAidFiles.tenantId, tenantId), eq(familyAidFiles.dossierId, dossierId)));
  return row ?? null;
}
export type AidFile = NonNullable<Awaited<ReturnType<typeof loadAidFile>>>;

const notFound = () => new AppError('NOT_FOUND', 'Dossier introuvable.');

/** The family's own file, or 404 (another family's file does not exist for it). */
export async function loadOwnAidFile(ctx: AuthedCtx, db: Db, dossierId: string): Promise<AidFile> {
  const file = await loadAidFile(db, ctx.actor.tenantId, dossierId);
  if (!file || file.aid.familyUserId !== ctx.actor.id) throw notFound();
  return file;
}

/** Bumps the dossier's version for a change that is not a state move: one of two concurrent edits gets 409. */
export async function touchDossier(ctx: AuthedCtx, tx: Db, file: AidFile, version: number) {
  const [updated] = await tx
    .update(dossiers)
    .set({ version: sql`${dossiers.version} + 1`, updatedAt: ctx.now() })
    .where(and(eq(dossiers.tenantId, file.dossier.tenantId), eq(dossiers.id, file.dossier.id), eq(dossiers.version, version)))
    .returning({ version: dossiers.version });
  if (!updated) throw new AppError('VERSION_CONFLICT', 'Le dossier a été modifié entre-temps : rechargez-le puis recommencez.');
  return updated.version;
}

export const editableStates = ['brouillon', 'en_construction'] as const;

/** Open for applications now: after its opening, before its closing (Europe/Paris instants stored). */
export function assertCampaignOpen(campaign: typeof campaigns.$inferSelect, now: Date) {
  if (campaign.status !== 'published' || now < campaign.opensAt) throw new AppError('CONFLICT', `La campagne « ${campaign.title} » n’est pas encore ouverte.`);
  if (now > campaign.closesAt || campaign.closedAt) throw new AppError('CONFLICT', `La campagne « ${campaign.title} » est close : les dépôts ne sont plus acceptés.`);
}
