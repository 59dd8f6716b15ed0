import type { Ctx } from '../../../server/platform/context.js';
import { forbidden } from '../../../server/platform/errors.js';
import { acceptAttachment } from '../../../server/platform/files/attachment.js';
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
 * Joins a file to a ticket, after checking what it really is and its size (platform/files/attachment.ts,
 * 10 MB). Metadata and bytes are written together; lists only ever read the metadata.
 */
export async function addAttachment(ctx: Ctx, input: AddAttachmentInput) {
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.comment' });
  const { ticket } = loaded;
  if (input.isPrivate && !canHandle(loaded.ctx.actor, loaded.access)) throw forbidden('Seul le guichet joint des fichiers privés.');
  requireNotClosed(ticket);
  const file = acceptAttachment(input.filename, input.bytes);
  const who = actorFields(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attachments)
      .values({
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        at: ctx.now(),
        ...file,
        isPrivate: input.isPrivate,
        authorId: who.actorId,
        authorLabel: who.actorLabel,
      })
      .returning();
    await tx.insert(attachmentContents).values({ tenantId: ticket.tenantId, attachmentId: row.id, bytes: input.bytes });
    return row;
  });
}
