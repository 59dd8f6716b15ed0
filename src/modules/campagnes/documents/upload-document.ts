import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { defaultDocumentBytes, type FormField } from '../../../shared/campaign-form.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { safeFilename, sniffAttachment, type AttachmentKind } from '../../../server/platform/files/sniff-file.js';
import { loadDossier } from '../campaign-access.js';
import { documentContents, documents } from '../db/schema.js';
import { fieldsOf, formVersionById } from '../operations/form-versions.js';
import { isPersonalDocument, seesPersonalData } from '../family-aid/personal-data.js';
import { scanWithClamd, type ScanVerdict } from './clamd.js';

const acceptedKinds: readonly AttachmentKind[] = ['pdf', 'jpeg', 'png', 'odt', 'docx', 'xlsx'];

function findField(fields: FormField[], key: string): FormField | undefined {
  for (const f of fields) {
    if (f.key === key) return f;
    const child = f.children?.find((c) => c.key === key);
    if (child) return child;
  }
  return undefined;
}

/** The largest upload any document route takes (the per-field limit is checked after). */
export const maxDocumentBytes = 100 * 1024 * 1024;

/**
 * The one gate every stored document passes (a form's answer, a message's attachment, a family's
 * tax notice): type by content among `kinds`, the size limit, then clamd when configured. Throws
 * the French refusal (413, 415, 422 for a virus, 503 when the scanner fails); nothing is stored.
 */
export async function checkDocument(input: { filename: string; bytes: Buffer; limit: number; clamd?: string; kinds?: readonly AttachmentKind[]; kindsLabel?: string }) {
  const filename = safeFilename(input.filename);
  const limit = input.limit;
  if (input.bytes.byteLength > limit) throw new AppError('PAYLOAD_TOO_LARGE', `« ${filename} » dépasse la limite de ${Math.round(limit / 1024 / 1024)} Mo de ce champ.`);
  const sniffed = sniffAttachment(filename, input.bytes, { maxBytes: limit });
  if (!sniffed.ok) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `« ${filename} » refusé : ${sniffed.message}`);
  if (!(input.kinds ?? acceptedKinds).includes(sniffed.kind)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `« ${filename} » refusé : seuls ${input.kindsLabel ?? 'PDF, JPEG, PNG, ODT, DOCX et XLSX'} sont acceptés.`);
  }
  const verdict: ScanVerdict = input.clamd ? await scanWithClamd(input.clamd, input.bytes) : { status: 'clean' };
  if (verdict.status === 'infected') throw new AppError('UNPROCESSABLE', `« ${filename} » refusé : l’antivirus y a trouvé ${verdict.signature}.`);
  if (verdict.status === 'error') throw new AppError('UNAVAILABLE', `« ${filename} » n’a pas pu être analysé : ${verdict.message} Réessayez plus tard.`);
  return {
    filename,
    contentType: sniffed.contentType,
    sizeBytes: input.bytes.byteLength,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    scanDetail: input.clamd ? 'Analysé par ClamAV' : 'Aucun antivirus configuré',
  };
}

/**
 * A document for a file: checked by content (PDF, JPEG, PNG, ODT, DOCX, XLSX) and against its
 * field's limit (20 MB by default), scanned by clamd when configured, then stored. A refused
 * file says why (415, 413, or 422 for a virus) and nothing is stored.
 */
export async function uploadDocument(
  ctx: Ctx,
  input: { dossierId: string; purpose: 'answer' | 'message'; fieldKey?: string; filename: string; bytes: Buffer; clamd?: string },
) {
  const { dossier, access } = await loadDossier(ctx, input.dossierId, 'see');
  if (input.purpose === 'answer' && !access.applicant) throw new AppError('FORBIDDEN', 'Seul le demandeur joint des pièces à ses réponses.');
  if (input.purpose === 'message' && !access.applicant && !access.instructor) throw new AppError('FORBIDDEN', 'Seuls le demandeur et les instructeurs échangent des messages.');
  let limit = defaultDocumentBytes;
  if (input.purpose === 'answer') {
    const form = await formVersionById(ctx.db, dossier.tenantId, dossier.formVersionId);
    const field = input.fieldKey ? findField(fieldsOf(form), input.fieldKey) : undefined;
    if (!field || field.kind !== 'document') throw new AppError('VALIDATION', `« ${input.fieldKey ?? ''} » n’est pas un champ de pièce justificative de ce formulaire.`, { issues: [{ path: 'fieldKey', message: 'Champ inconnu.' }] });
    limit = field.maxBytes ?? defaultDocumentBytes;
  }
  const checked = await checkDocument({ filename: input.filename, bytes: input.bytes, limit, clamd: input.clamd });
  const userId = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
  return ctx.db.transaction(async (tx) => {
    const [doc] = await tx
      .insert(documents)
      .values({
        tenantId: dossier.tenantId,
        dossierId: dossier.id,
        purpose: input.purpose,
        fieldKey: input.fieldKey ?? null,
        ...checked,
        scanStatus: 'clean',
        uploadedByUserId: userId,
        uploadedByLabel: ctx.actor?.label ?? 'Système',
        uploadedAt: ctx.now(),
      })
      .returning();
    await tx.insert(documentContents).values({ tenantId: dossier.tenantId, documentId: doc!.id, bytes: input.bytes });
    return doc!;
  });
}

/** A document of a file the actor sees, clean only; private (annotation, letters before a decision) rules in presenters. */
export async function readDocument(ctx: Ctx, input: { dossierId: string; documentId: string }) {
  const { dossier, campaign, access } = await loadDossier(ctx, input.dossierId, 'see');
  const [row] = await ctx.db
    .select({ meta: documents, bytes: documentContents.bytes })
    .from(documents)
    .innerJoin(documentContents, and(eq(documentContents.tenantId, documents.tenantId), eq(documentContents.documentId, documents.id)))
    .where(and(eq(documents.tenantId, dossier.tenantId), eq(documents.dossierId, dossier.id), eq(documents.id, input.documentId)));
  if (!row || row.meta.scanStatus !== 'clean' || row.meta.purgedAt) throw notFound('Document');
  if (isPersonalDocument(row.meta) && !seesPersonalData(campaign, access)) throw notFound('Document');
  return row;
}
