import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import type { Recipient } from '../../../server/platform/notifications.js';
import { loadDossier } from '../campaign-access.js';
import { documents, instructorGroupMembers, messages, notes } from '../db/schema.js';
import type { DossierRow } from '../dossier-states.js';
import { applicantOf, notifyMessage } from '../notify.js';

export const messageInput = z.object({
  body: z.string().trim().min(1, 'Le message est vide.').max(10_000),
  /** Documents uploaded for this message first (purpose « message »). */
  documentIds: z.array(z.string().uuid()).max(10).default([]),
});
export type MessageInput = z.infer<typeof messageInput>;

export const noteInput = z.object({ body: z.string().trim().min(1, 'La note est vide.').max(10_000) });

async function instructorsOf(db: Db, dossier: DossierRow): Promise<Recipient[]> {
  if (!dossier.groupId) return [];
  const rows = await db
    .select({ userId: instructorGroupMembers.userId })
    .from(instructorGroupMembers)
    .where(and(eq(instructorGroupMembers.tenantId, dossier.tenantId), eq(instructorGroupMembers.groupId, dossier.groupId)));
  return rows.map((r) => ({ userId: r.userId, label: 'Instructeur', contact: null }));
}

/** A message from the applicant or an instructor, with its attachments, told to the other side. */
export async function postMessage(ctx: Ctx, input: { dossierId: string; message: MessageInput }) {
  const { dossier, access, ctx: a } = await loadDossier(ctx, input.dossierId, 'see');
  const side = access.instructor ? 'instructor' : access.applicant ? 'applicant' : null;
  if (!side) throw forbidden('Seuls le demandeur et les instructeurs échangent des messages.');
  return ctx.db.transaction(async (tx) => {
    const [message] = await tx
      .insert(messages)
      .values({ tenantId: dossier.tenantId, dossierId: dossier.id, at: ctx.now(), side, authorUserId: a.actor.kind === 'user' ? a.actor.id : null, authorLabel: a.actor.label, body: input.message.body })
      .returning();
    if (input.message.documentIds.length) {
      const linked = await tx
        .update(documents)
        .set({ messageId: message!.id })
        .where(
          and(
            eq(documents.tenantId, dossier.tenantId),
            eq(documents.dossierId, dossier.id),
            eq(documents.purpose, 'message'),
            isNull(documents.messageId),
            inArray(documents.id, input.message.documentIds),
          ),
        )
        .returning({ id: documents.id });
      if (linked.length !== new Set(input.message.documentIds).size) throw new AppError('VALIDATION', 'Une pièce jointe est inconnue ou déjà envoyée.', { issues: [{ path: 'documentIds', message: 'Pièce inconnue.' }] });
    }
    const recipients = side === 'instructor' ? applicantOf(dossier) : await instructorsOf(tx, dossier);
    await notifyMessage(ctx, tx, dossier, recipients, input.message.body);
    return message!;
  });
}

export async function listMessages(db: Db, dossier: Pick<DossierRow, 'tenantId' | 'id'>) {
  const rows = await db.select().from(messages).where(and(eq(messages.tenantId, dossier.tenantId), eq(messages.dossierId, dossier.id))).orderBy(asc(messages.at));
  const files = await db
    .select({ id: documents.id, messageId: documents.messageId, filename: documents.filename, sizeBytes: documents.sizeBytes })
    .from(documents)
    .where(and(eq(documents.tenantId, dossier.tenantId), eq(documents.dossierId, dossier.id), eq(documents.purpose, 'message'), eq(documents.scanStatus, 'clean')));
  return rows.map((m) => ({ ...m, attachments: files.filter((f) => f.messageId === m.id) }));
}

/** A private note: instructors only. */
export async function addNote(ctx: Ctx, input: { dossierId: string; body: string }) {
  const { dossier, ctx: a } = await loadDossier(ctx, input.dossierId, 'instruct');
  const [note] = await ctx.db
    .insert(notes)
    .values({ tenantId: dossier.tenantId, dossierId: dossier.id, at: ctx.now(), authorUserId: a.actor.kind === 'user' ? a.actor.id : null, authorLabel: a.actor.label, body: input.body })
    .returning();
  return note!;
}

export async function listNotes(db: Db, dossier: Pick<DossierRow, 'tenantId' | 'id'>) {
  return db.select().from(notes).where(and(eq(notes.tenantId, dossier.tenantId), eq(notes.dossierId, dossier.id))).orderBy(asc(notes.at));
}
