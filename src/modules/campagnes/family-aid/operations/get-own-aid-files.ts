import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { documentContents, documents } from '../../db/schema.js';
import { familyAidFiles } from '../db/schema.js';
import { loadAidFile, loadOwnAidFile } from '../file-store.js';
import { presentFamilyFile } from '../presenters.js';

async function noticeOf(ctx: Ctx, tenantId: string, documentId: string | null) {
  if (!documentId) return null;
  const [doc] = await ctx.db
    .select({ id: documents.id, filename: documents.filename, contentType: documents.contentType, sizeBytes: documents.sizeBytes })
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.id, documentId), isNull(documents.purgedAt)));
  return doc ?? null;
}

/** One of the family's files, as it reads it back. */
export async function getOwnAidFile(ctx: Ctx, id: string) {
  authorize(ctx.actor, 'family-aid.apply');
  const file = await loadOwnAidFile({ ...ctx, actor: ctx.actor }, ctx.db, id);
  return presentFamilyFile(file, await noticeOf(ctx, file.aid.tenantId, file.aid.taxNoticeDocumentId));
}

/** Every file of the family in its authority, newest first. */
export async function findOwnAidFiles(ctx: Ctx) {
  authorize(ctx.actor, 'family-aid.apply');
  const ids = await ctx.db
    .select({ id: familyAidFiles.dossierId })
    .from(familyAidFiles)
    .where(and(eq(familyAidFiles.tenantId, ctx.actor.tenantId), eq(familyAidFiles.familyUserId, ctx.actor.id)))
    .orderBy(desc(familyAidFiles.touchedAt))
    .limit(50);
  const files = await Promise.all(ids.map((r) => loadAidFile(ctx.db, ctx.actor!.tenantId, r.id)));
  return Promise.all(files.filter((f) => f !== null).map(async (f) => presentFamilyFile(f, await noticeOf(ctx, f.aid.tenantId, f.aid.taxNoticeDocumentId))));
}

/** A document the family gave, sent back as a download: its own files only. */
export async function getOwnDocument(ctx: Ctx, id: string, documentId: string) {
  authorize(ctx.actor, 'family-aid.apply');
  const file = await loadOwnAidFile({ ...ctx, actor: ctx.actor }, ctx.db, id);
  const [doc] = await ctx.db
    .select({ filename: documents.filename, contentType: documents.contentType, bytes: documentContents.bytes })
    .from(documents)
    .innerJoin(documentContents, and(eq(documentContents.tenantId, documents.tenantId), eq(documentContents.documentId, documents.id)))
    .where(and(eq(documents.tenantId, file.aid.tenantId), eq(documents.dossierId, id), inArray(documents.id, [documentId]), isNull(documents.purgedAt)));
  if (!doc) throw new AppError('NOT_FOUND', 'Document introuvable.');
  return doc;
}
