import { createHash } from 'node:crypto';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { safeFilename, sniffAttachment } from '../../../server/platform/files/sniff-file.js';
import { attachmentContents, attachments } from '../db/schema.js';
import { canHandle } from '../ticket-access.js';
import { actorFields, loadTicket, requireNotClosed } from '../ticket-store.js';

export interface AddAttachmentInput {
  id: string;
  filename: string;
  bytes: Buffer;
  isPrivate: boolean;
}

/**
 * Joins a file to a ticket, after checking what it really is (platform/files/sniff-file.ts) and its size
 * (10 MB). Metadata and bytes are written together; lists only ever read the metadata.
 */
export async function addAttachment(ctx: Ctx, input: AddAttachmentInput) {
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.comment' });
  const { ticket } = loaded;
  if (input.isPrivate && !canHandle(loaded.ctx.actor, loaded.access)) throw forbidden('Seul le guichet joint des fichiers privés.');
  requireNotClosed(ticket);
  const filename = safeFilename(input.filename);
  const sniffed = sniffAttachment(filename, input.bytes);
  if (!sniffed.ok) {
    const tooLarge = input.bytes.byteLength > 10 * 1024 * 1024;
    throw new AppError(tooLarge ? 'PAYLOAD_TOO_LARGE' : 'UNSUPPORTED_MEDIA_TYPE', sniffed.message);
  }
  const who = actorFields(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attachments)
      .values({
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        at: ctx.now(),
        filename,
        contentType: sniffed.contentType,
        sizeBytes: input.bytes.byteLength,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        isPrivate: input.isPrivate,
        authorId: who.actorId,
        authorLabel: who.actorLabel,
      })
      .returning();
    await tx.insert(attachmentContents).values({ tenantId: ticket.tenantId, attachmentId: row.id, bytes: input.bytes });
    return row;
  });
}
