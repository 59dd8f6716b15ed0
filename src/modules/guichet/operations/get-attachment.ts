import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { attachmentContents, attachments } from '../db/schema.js';
import { seesPrivate } from '../ticket-access.js';
import { loadTicket } from '../ticket-store.js';

/** A file of a ticket the actor sees; a private file is "not found" for a requester. */
export async function getAttachment(ctx: Ctx, input: { id: string; attachmentId: string }) {
  const { ticket, ctx: authed } = await loadTicket(ctx, input.id);
  const [row] = await ctx.db
    .select({ meta: attachments, bytes: attachmentContents.bytes })
    .from(attachments)
    .innerJoin(attachmentContents, and(eq(attachmentContents.tenantId, attachments.tenantId), eq(attachmentContents.attachmentId, attachments.id)))
    .where(and(eq(attachments.tenantId, ticket.tenantId), eq(attachments.ticketId, ticket.id), eq(attachments.id, input.attachmentId)));
  if (!row || (row.meta.isPrivate && !seesPrivate(authed.actor))) throw notFound('Pièce jointe');
  return row;
}
