import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { safeFilename, sniffAttachment } from '../../../server/platform/files/sniff-file.js';
import { notifiedRefs } from '../../../server/platform/notifications.js';
import { inboundMails, tickets } from '../db/schema.js';
import { queueNotifications, requesterOf } from '../notifications/queue.js';
import { addAttachment } from '../operations/add-attachment.js';
import { addFollowup } from '../operations/add-followup.js';
import { createTicket } from '../operations/create-ticket.js';
import { htmlToText, replyText } from './mail-text.js';
import { senderActor } from './sender-actor.js';

/**
 * A mail received at a desk's address:
 * - the sender is the person whose account has that address and a role in the desk's tenant
 *   (otherwise refused: nothing is stored); they act with their own rights;
 * - a reply (In-Reply-To/References naming one of our mails, or "[n° 123]" in the subject)
 *   becomes a public follow-up of that ticket, if its sender may comment it;
 * - any other mail opens a ticket at the school named by a UAI in the subject, else at the
 *   sender's school (their school assignment); no school: refused;
 * - the same Message-ID twice gives one ticket or follow-up (a relay may deliver twice);
 * - attachments go through the same checks as on the web (type, 10 MB), before anything is
 *   written: one refused attachment refuses the mail.
 * Refusals are AppErrors with a French message: the SMTP listener answers with it.
 */

export interface ReceivedMail {
  tenantId: string;
  /** The envelope sender (MAIL FROM), checked at RCPT time; the From header must agree. */
  sender: string;
  mail: ParsedMail;
  raw: Buffer;
}

export type MailOutcome = { kind: 'ticket'; ticketId: string; number: number } | { kind: 'followup'; ticketId: string; followupId: string } | { kind: 'duplicate' };

const refuse = (message: string) => new AppError('UNPROCESSABLE', message);
const uaiPattern = /\b(\d{7}[A-Za-z])\b/;
const referencePattern = /\[\s*n°\s*(\d+)\s*\]/i;
const ticketMessageIdPattern = /<ticket-([0-9a-f-]{36})@/i;

export function messageIdOf(received: Pick<ReceivedMail, 'mail' | 'raw'>): string {
  const id = received.mail.messageId?.trim();
  return id || `<sha256-${createHash('sha256').update(received.raw).digest('hex')}@sans-message-id>`;
}

function fromAddress(mail: ParsedMail): string | null {
  return mail.from?.value[0]?.address?.toLowerCase() ?? null;
}

function bodyOf(mail: ParsedMail): string {
  const text = mail.text?.trim() ? mail.text : typeof mail.html === 'string' ? htmlToText(mail.html) : '';
  return text.trim();
}

function attachmentsOf(mail: ParsedMail) {
  return mail.attachments
    .filter((a) => a.contentDisposition !== 'inline' || a.filename)
    .map((a) => ({ filename: safeFilename(a.filename ?? 'piece-jointe'), bytes: a.content }));
}

export async function receiveMail(ctx: Ctx, received: ReceivedMail): Promise<MailOutcome> {
  const { tenantId, mail } = received;
  const header = fromAddress(mail);
  if (header && header !== received.sender.toLowerCase()) {
    throw refuse(`L'expéditeur du message (${header}) diffère de celui de l'enveloppe : message refusé.`);
  }
  const actor = await senderActor(ctx.db, tenantId, received.sender);
  if (!actor) throw refuse(`Aucun compte de la collectivité n'a l'adresse ${received.sender} : écrivez depuis l'adresse de votre compte Cohérence.`);
  const files = attachmentsOf(mail);
  for (const f of files) {
    const sniffed = sniffAttachment(f.filename, f.bytes);
    if (!sniffed.ok) throw refuse(`Pièce jointe « ${f.filename} » refusée : ${sniffed.message}`);
  }

  const messageId = messageIdOf(received);
  const claimed = await ctx.db
    .insert(inboundMails)
    .values({ tenantId, messageId, receivedAt: ctx.now(), sender: actor.email })
    .onConflictDoNothing()
    .returning({ messageId: inboundMails.messageId });
  if (claimed.length === 0) return { kind: 'duplicate' };

  const asSender: Ctx = { ...ctx, actor };
  try {
    const target = await repliedTicket(ctx, tenantId, mail);
    const outcome = target ? await addReply(asSender, target, mail) : await openTicket(asSender, mail, actor.email);
    for (const f of files) await addAttachment(asSender, { id: outcome.ticketId, filename: f.filename, bytes: f.bytes, isPrivate: false });
    await ctx.db
      .update(inboundMails)
      .set({ ticketId: outcome.ticketId, followupId: outcome.kind === 'followup' ? outcome.followupId : null })
      .where(and(eq(inboundMails.tenantId, tenantId), eq(inboundMails.messageId, messageId)));
    return outcome;
  } catch (error) {
    // nothing kept: the same mail sent again (corrected) is handled anew
    await ctx.db.delete(inboundMails).where(and(eq(inboundMails.tenantId, tenantId), eq(inboundMails.messageId, messageId)));
    throw error;
  }
}

/** The ticket a mail answers: one of our Message-IDs in its references, else "[n° N]" in its subject. */
async function repliedTicket(ctx: Ctx, tenantId: string, mail: ParsedMail): Promise<string | null> {
  const refs = [mail.inReplyTo, ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])]
    .filter((r): r is string => Boolean(r))
    .flatMap((r) => r.split(/\s+/))
    .filter(Boolean);
  if (refs.length) {
    const [byNotification] = await notifiedRefs(ctx.db, tenantId, 'ticket', refs);
    if (byNotification) return byNotification;
    for (const ref of refs) {
      const id = ticketMessageIdPattern.exec(ref)?.[1];
      if (!id) continue;
      const [found] = await ctx.db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
      if (found) return found.id;
    }
  }
  const number = referencePattern.exec(mail.subject ?? '')?.[1];
  if (number) {
    const [found] = await ctx.db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.tenantId, tenantId), eq(tickets.number, Number(number))));
    if (!found) throw refuse(`Le ticket n° ${number} cité dans l'objet n'existe pas.`);
    return found.id;
  }
  return null;
}

async function addReply(ctx: Ctx, ticketId: string, mail: ParsedMail): Promise<MailOutcome & { kind: 'followup' }> {
  const body = replyText(bodyOf(mail)) || '(message sans texte)';
  try {
    const followup = await addFollowup(ctx, { id: ticketId, followup: { body, isPrivate: false } });
    return { kind: 'followup', ticketId, followupId: followup.id };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
      throw refuse("Vous ne pouvez pas commenter ce ticket : il n'existe pas ou n'est pas dans votre périmètre.");
    }
    throw error;
  }
}

/** The school of a new ticket: a UAI in the subject, else the sender's only (or first) school. */
function schoolUai(ctx: Ctx, subject: string): { uai: string | null; rest: string } {
  const match = uaiPattern.exec(subject);
  if (!match) return { uai: null, rest: subject };
  return { uai: match[1].toUpperCase(), rest: withoutUai(subject, match[0]) };
}

/**
 * The subject without the UAI and what joined it to the title: every dash (hyphen, en and em
 * dashes, minus), colons, slashes, bars and the brackets around it (« [0590072H] », « (0590072H) »).
 */
export function withoutUai(subject: string, uai: string): string {
  const joiners = '\\s:|/,;\\-\\u2010-\\u2015\\u2212';
  const around = new RegExp(`[\\[(]?\\s*${uai}\\s*[\\])]?`);
  const edges = new RegExp(`^[${joiners}]+|[${joiners}]+$`, 'g');
  const doubled = /([\u2010-\u2015\u2212-])\s+[\u2010-\u2015\u2212-]/g;
  return subject.replace(around, ' ').replace(/\s{2,}/g, ' ').replace(doubled, '$1').replace(edges, '').trim();
}

async function openTicket(ctx: Ctx, mail: ParsedMail, senderEmail: string): Promise<MailOutcome & { kind: 'ticket' }> {
  const actor = ctx.actor!;
  const subject = (mail.subject ?? '').trim();
  const found = schoolUai(ctx, subject);
  let uai = found.uai;
  if (!uai) {
    const schools = [...new Set(actor.assignments.map((a) => a.establishmentId).filter((id): id is string => Boolean(id)))];
    if (schools.length === 0) {
      throw refuse("Établissement inconnu : indiquez son UAI dans l'objet du message (ex. : « 0590001F – Imprimante en panne »).");
    }
    const [school] = await rows<{ uai: string }>(ctx.db, sql`select uai from referentiel.establishments_view where tenant_id = ${actor.tenantId} and id = ${schools[0]}`);
    uai = school.uai;
  }
  const title = (found.rest.length >= 3 ? found.rest : 'Demande reçue par courriel').slice(0, 200);
  const description = (bodyOf(mail) || '(message sans texte)').slice(0, 20_000);
  let created;
  try {
    created = await createTicket(ctx, { uai, title, description, type: 'incident', urgency: 3, impact: 3, requester: { contact: senderEmail } }, { channel: 'email' });
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') throw refuse("Votre compte ne permet pas d'ouvrir un ticket au guichet.");
    throw error;
  }
  const ticket = created.ticket;
  await ctx.db.transaction(async (tx) => {
    const requester = requesterOf(ticket);
    if (requester) {
      await queueNotifications(tx, {
        ticket,
        kind: 'ticket-received',
        at: ctx.now(),
        recipients: [requester],
        subject: `Votre demande est enregistrée : ${ticket.title}`,
        body: `Votre message a ouvert le ticket n° ${ticket.number} au guichet.\n\n${ticket.title}\n\nPour compléter votre demande, répondez simplement à ce courriel.`,
      });
    }
  });
  return { kind: 'ticket', ticketId: ticket.id, number: ticket.number };
}
