import { and, eq } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { defaultDocumentBytes } from '../../../../shared/campaign-form.js';
import { documentContents, documents } from '../../db/schema.js';
import { checkDocument } from '../../documents/upload-document.js';
import { familyAidFiles } from '../db/schema.js';
import { editableStates, loadOwnAidFile } from '../file-store.js';

/** The document's field key: personal data, shown to the campaign's instructors and the family only. */
export const taxNoticeFieldKey = 'tax-notice';
/** The size limit of any other document field (20 MB). */
export const taxNoticeMaxBytes = defaultDocumentBytes;

/**
 * The tax notice goes through the same gate as every other document (type by content, size,
 * clamd when configured): a scan or the tax office's PDF, nothing else.
 */
export async function attachTaxNotice(ctx: Ctx, id: string, upload: { filename: string; bytes: Buffer; clamd?: string }) {
  authorize(ctx.actor, 'family-aid.apply');
  const actx = { ...ctx, actor: ctx.actor };
  const file = await loadOwnAidFile(actx, ctx.db, id);
  if (!(editableStates as readonly string[]).includes(file.dossier.state)) throw new AppError('CONFLICT', `Le dossier n° ${file.dossier.number} ne se modifie plus.`);
  const checked = await checkDocument({ ...upload, limit: taxNoticeMaxBytes, kinds: ['pdf', 'jpeg', 'png'], kindsLabel: 'un PDF, une photo JPEG ou une image PNG' });
  return ctx.db.transaction(async (tx) => {
    const again = await loadOwnAidFile(actx, tx, id);
    if (!(editableStates as readonly string[]).includes(again.dossier.state)) throw new AppError('CONFLICT', `Le dossier n° ${again.dossier.number} ne se modifie plus.`);
    const now = ctx.now();
    const [doc] = await tx
      .insert(documents)
      .values({
        tenantId: file.aid.tenantId,
        dossierId: id,
        purpose: 'answer',
        fieldKey: taxNoticeFieldKey,
        ...checked,
        scanStatus: 'clean',
        uploadedByUserId: ctx.actor!.id,
        uploadedByLabel: ctx.actor!.label,
        uploadedAt: now,
      })
      .returning();
    await tx.insert(documentContents).values({ tenantId: file.aid.tenantId, documentId: doc.id, bytes: upload.bytes });
    await tx
      .update(familyAidFiles)
      .set({ taxNoticeDocumentId: doc.id, touchedAt: now, expiryWarnedAt: null })
      .where(and(eq(familyAidFiles.tenantId, file.aid.tenantId), eq(familyAidFiles.dossierId, id)));
    return { id: doc.id, filename: doc.filename, contentType: doc.contentType, sizeBytes: doc.sizeBytes };
  });
}
