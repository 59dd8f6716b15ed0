import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { rows } from '../../../server/platform/db.js';
import type { TestApp } from '../../../test/app.js';
import { notifications } from '../../../server/platform/db-schema.js';
import { attachments, followups, ticketEvents, tickets } from '../db/schema.js';
import { backgroundOf } from '../jobs/background.js';
import { call, deskTestApp, headersOf, openTicket, schoolPerson, type SchoolPerson } from '../testing.js';

/**
 * The desk's mail, with real parts: a real SMTP server started here catches what the app sends,
 * the app's own inbound listener receives what nodemailer sends it, and a second app on the same
 * database plays the second server process. The clock starts on Monday 2 March 2026, 09:00 in
 * Paris (default agreement: 4 business hours to own, warning at 75 %, 08:00-12:00 and 13:30-17:30).
 */

let now = new Date('2026-03-02T08:00:00Z').getTime();
const clock = () => new Date(now);
const deskAddress = 'guichet@hdf-essai.fr';
let t: TestApp;
let mailApp: FastifyInstance;
let otherApp: FastifyInstance;
let capture: SMTPServer;
const caught: ParsedMail[] = [];
let teacher: SchoolPerson;
let toDesk: Transporter;

async function startCapture(): Promise<number> {
  capture = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        caught.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  return (capture.server.address() as { port: number }).port;
}

const count = async (table: typeof tickets | typeof followups | typeof attachments) =>
  Number((await t.ctx.db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.tenantId, t.ids.a.tenantId)))[0].n);

/** Sends a real mail to the app's listener; resolves with the SMTP answer or rejects with its error. */
function send(message: SendMailOptions) {
  return toDesk.sendMail({ to: deskAddress, ...message });
}

async function refusal(message: SendMailOptions): Promise<{ responseCode?: number; response?: string }> {
  try {
    await send(message);
  } catch (error) {
    return error as { responseCode?: number; response?: string };
  }
  throw new Error('le message aurait dû être refusé');
}

beforeAll(async () => {
  t = await deskTestApp({ clock });
  teacher = await schoolPerson(t, t.ids.staffSchool, 'teacher');
  const capturePort = await startCapture();
  const set = await put(t, 'authority-admin', '/api/desk/mail', { inboundAddress: deskAddress.toUpperCase() });
  expect(set.statusCode).toBe(200);
  const mailConfig = { inboundPort: 0, inboundHost: '127.0.0.1', maxMessageBytes: 2 * 1024 * 1024, smtpUrl: `smtp://127.0.0.1:${capturePort}` };
  mailApp = await buildApp({ database: t.database, clock, serveWeb: false, config: { publicUrl: 'https://coherence.essai.fr', mail: mailConfig } });
  await mailApp.ready();
  otherApp = await buildApp({ database: t.database, clock, serveWeb: false, config: { publicUrl: 'https://coherence.essai.fr', mail: { smtpUrl: mailConfig.smtpUrl } } });
  await otherApp.ready();
  toDesk = nodemailer.createTransport({ host: '127.0.0.1', port: backgroundOf(mailApp).inboundPort!, secure: false, ignoreTLS: true });
}, 60_000);

afterAll(async () => {
  toDesk?.close();
  await mailApp?.close();
  await otherApp?.close();
  await new Promise<void>((resolve) => (capture ? capture.close(() => resolve()) : resolve()));
  await t?.close();
});

async function put(t: TestApp, caller: Parameters<typeof call>[1], url: string, payload: unknown) {
  return t.app.inject({ method: 'PUT', url, headers: await headersOf(t, caller), payload: payload as object });
}

async function sendQueued() {
  await backgroundOf(mailApp).runNow('mail-send');
}

describe('desk settings', () => {
  it('stores the inbound address in lower case, shows it to the tenant, lets only administrators change it', async () => {
    expect((await call(t, teacher, 'GET', '/api/desk/mail')).json()).toEqual({ inboundAddress: deskAddress });
    expect((await put(t, 'technician', '/api/desk/mail', { inboundAddress: 'autre@essai.fr' })).statusCode).toBe(403);
    const taken = await put(t, 'admin-b', '/api/desk/mail', { inboundAddress: deskAddress });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('autre collectivité');
    const bad = await put(t, 'authority-admin', '/api/desk/mail', { inboundAddress: 'pas une adresse' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('inbound mail', () => {
  let ticketId: string;
  let ticketNumber: number;

  it('opens a ticket for the sender at their school, with the e-mail channel, and acknowledges it by mail', async () => {
    const before = caught.length;
    const answer = await send({ from: teacher.email, subject: 'Imprimante de la salle 12 en panne', text: 'Elle affiche « bourrage » en permanence.', messageId: '<premier@essai.fr>' });
    expect(answer.response).toMatch(/^250 .*Ticket no \d+ ouvert/);
    const [ticket] = await t.ctx.db.select().from(tickets).where(and(eq(tickets.tenantId, t.ids.a.tenantId), eq(tickets.title, 'Imprimante de la salle 12 en panne')));
    expect(ticket).toMatchObject({ requesterUserId: teacher.id, establishmentId: t.ids.staffSchool.id, channel: 'email', description: 'Elle affiche « bourrage » en permanence.', requesterContact: teacher.email });
    ticketId = ticket.id;
    ticketNumber = ticket.number;

    await sendQueued();
    const ack = caught.slice(before).find((m) => m.subject?.includes(`[n° ${ticketNumber}]`));
    expect(ack).toBeDefined();
    expect(ack!.to).toMatchObject({ value: [{ address: teacher.email }] });
    expect(ack!.replyTo?.value[0].address).toBe(deskAddress);
    expect(ack!.text).toContain(`https://coherence.essai.fr/guichet/${ticketId}`);
    const [row] = await t.ctx.db.select().from(notifications).where(and(eq(notifications.refId, ticketId), eq(notifications.kind, 'ticket-received')));
    expect(row).toMatchObject({ messageId: ack!.messageId, attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();
  });

  it('puts a reply (In-Reply-To our mail) on the same ticket as a public follow-up, without the quoted text', async () => {
    const ack = caught.find((m) => m.subject?.includes(`[n° ${ticketNumber}]`))!;
    await send({
      from: teacher.email,
      subject: `Re: ${ack.subject}`,
      inReplyTo: ack.messageId,
      references: [ack.messageId!],
      text: `C'est la HP LaserJet du fond.\n\nLe lundi 2 mars 2026, Guichet a écrit :\n> Votre message a ouvert le ticket`,
      messageId: '<reponse@essai.fr>',
    });
    const list = await t.ctx.db.select().from(followups).where(eq(followups.ticketId, ticketId));
    expect(list).toMatchObject([{ body: "C'est la HP LaserJet du fond.", isPrivate: false, authorId: teacher.id }]);
  });

  it('finds the ticket by "[n° N]" in the subject too, and turns HTML-only mail into text', async () => {
    await send({ from: teacher.email, subject: `[n° ${ticketNumber}] encore`, html: '<p>Toujours en panne&nbsp;<b>ce matin</b>.</p><p>Merci</p>', messageId: '<html@essai.fr>' });
    const list = await t.ctx.db.select().from(followups).where(eq(followups.ticketId, ticketId));
    const body = list.map((f) => f.body).find((b) => b.startsWith('Toujours en panne'));
    expect(body).toMatch(/^Toujours en panne\s+ce matin\.\s+Merci$/);
  });

  it('stores the same mail delivered twice once', async () => {
    const before = await count(tickets);
    const message = { from: teacher.email, subject: 'Tableau numérique muet', text: 'Plus de son.', messageId: '<double@essai.fr>' };
    await send(message);
    const again = await send(message);
    expect(again.response).toContain('Message deja recu');
    expect(await count(tickets)).toBe(before + 1);
  });

  it('turns mail attachments into ticket attachments within the type limits, and refuses the mail otherwise', async () => {
    await send({
      from: teacher.email,
      subject: `${t.ids.staffSchool.uai} – Écran cassé`,
      text: 'Photo jointe.',
      attachments: [{ filename: 'constat.txt', content: 'Écran fissuré en bas à gauche.\n' }],
      messageId: '<piece@essai.fr>',
    });
    const [ticket] = await t.ctx.db.select().from(tickets).where(and(eq(tickets.tenantId, t.ids.a.tenantId), eq(tickets.title, 'Écran cassé')));
    expect(ticket.establishmentId).toBe(t.ids.staffSchool.id);
    const files = await t.ctx.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(files).toMatchObject([{ filename: 'constat.txt', isPrivate: false, authorId: teacher.id }]);

    const before = await Promise.all([count(tickets), count(attachments)]);
    const refused = await refusal({ from: teacher.email, subject: 'Virus', text: 'Voir pièce jointe', attachments: [{ filename: 'outil.exe', content: Buffer.from('MZ\x90\x00binaire') }] });
    expect(refused.responseCode).toBe(550);
    expect(refused.response).toContain('outil.exe');
    expect(refused.response).toContain('refusee : Type de fichier refuse');
    expect(await Promise.all([count(tickets), count(attachments)])).toEqual(before);
  });

  it('refuses, during the SMTP dialogue, an unknown address, an unknown sender, a sender without school, a reply to a ticket out of scope, a message too large', async () => {
    const before = await Promise.all([count(tickets), count(followups)]);
    const unknownDesk = await refusal({ to: 'personne@hdf-essai.fr', from: teacher.email, subject: 'Bonjour', text: '…' });
    expect(unknownDesk).toMatchObject({ responseCode: 550 });
    expect(unknownDesk.response).toContain("n'est l'adresse d'aucun guichet");

    const stranger = await refusal({ from: 'inconnu@ailleurs.fr', subject: 'Bonjour', text: 'Qui suis-je ?' });
    expect(stranger.responseCode).toBe(550);
    expect(stranger.response).toContain('Expediteur inconnu');

    // a technician has no school: the UAI must be in the subject
    const noSchool = await refusal({ from: t.ids.users.technician.email, subject: 'Borne wifi HS', text: 'Au CDI.' });
    expect(noSchool.responseCode).toBe(550);
    expect(noSchool.response).toContain("indiquez son UAI dans l'objet");

    // tenant B's admin has no role in A: refused at RCPT like a stranger
    expect((await refusal({ from: t.ids.users['admin-b'].email, subject: `[n° 1] bonjour`, text: 'x' })).responseCode).toBe(550);

    // a teacher of another school may not comment this school's ticket
    const otherTeacher = await schoolPerson(t, t.ids.establishments.unit2[0], 'teacher');
    const [number] = await rows<{ number: number }>(t.ctx.db, sql`select number from guichet.tickets where tenant_id = ${t.ids.a.tenantId} and requester_user_id = ${teacher.id} order by number limit 1`);
    const outOfScope = await refusal({ from: otherTeacher.email, subject: `Re: [n° ${number.number}] Imprimante`, text: 'Moi aussi.' });
    expect(outOfScope.responseCode).toBe(550);
    expect(outOfScope.response).toContain('Vous ne pouvez pas commenter ce ticket');

    const tooLarge = await refusal({ from: teacher.email, subject: 'Gros fichier', text: 'x'.repeat(3 * 1024 * 1024) });
    expect(tooLarge.responseCode).toBe(552);

    expect(await Promise.all([count(tickets), count(followups)])).toEqual(before);
  });
});

describe('outbound mail', () => {
  it('mails the desk’s public follow-ups to the requester, never the private ones', async () => {
    const ticket = (await openTicket(t, teacher, { title: 'Poste 7 lent' })).json();
    const before = caught.length;
    expect((await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'NOTE-INTERNE-7731 : voir le contrat', isPrivate: true })).statusCode).toBe(201);
    expect((await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Nous passons demain matin.' })).statusCode).toBe(201);
    await sendQueued();
    const mails = caught.slice(before).filter((m) => m.subject?.startsWith(`[n° ${ticket.number}]`));
    expect(mails.map((m) => m.subject)).toEqual([`[n° ${ticket.number}] Nouvelle réponse du guichet : Poste 7 lent`]);
    expect(mails[0].text).toContain('Nous passons demain matin.');
    expect(caught.some((m) => `${m.subject} ${m.text} ${m.html}`.includes('NOTE-INTERNE-7731'))).toBe(false);
    const rowsOfTicket = await t.ctx.db.select().from(notifications).where(eq(notifications.refId, ticket.id));
    expect(rowsOfTicket.some((n) => `${n.subject} ${n.body}`.includes('NOTE-INTERNE-7731'))).toBe(false);
  });

  it('sends each mail once when two server processes run the mail job together', async () => {
    const ticket = (await openTicket(t, teacher, { title: 'Casque audio muet' })).json();
    await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Casque remplacé.' });
    await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Merci de confirmer.' });
    await Promise.all([backgroundOf(mailApp).runNow('mail-send'), backgroundOf(otherApp).runNow('mail-send'), backgroundOf(otherApp).runNow('mail-send')]);
    const mails = caught.filter((m) => m.subject?.startsWith(`[n° ${ticket.number}]`));
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
    const stored = await t.ctx.db.select().from(notifications).where(eq(notifications.refId, ticket.id));
    expect(stored.map((n) => n.attempts)).toEqual([1, 1]);
  });

  it('keeps mail queued without an SMTP server, retries with backoff, gives up after the last attempt with the error kept', async () => {
    const ticket = (await openTicket(t, teacher, { title: 'Vidéoprojecteur flou' })).json();
    await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Lampe commandée.' });
    // the app without an SMTP server sends nothing: the row waits, and shows in the app
    await backgroundOf(t.app).runNow('mail-send');
    const [waiting] = await t.ctx.db.select().from(notifications).where(eq(notifications.refId, ticket.id));
    expect(waiting).toMatchObject({ sentAt: null, attempts: 0 });

    // a server that refuses: an app pointed at a closed port
    const broken = await buildApp({ database: t.database, clock, serveWeb: false, config: { mail: { smtpUrl: 'smtp://127.0.0.1:9' } } });
    await broken.ready();
    try {
      // other queued rows (other tests) are sent first by the working app
      await sendQueued();
      await t.ctx.db.update(notifications).set({ sentAt: null, nextAttemptAt: null, attempts: 0, messageId: null }).where(eq(notifications.id, waiting.id));
      for (let attempt = 1; attempt <= 6; attempt++) {
        await backgroundOf(broken).runNow('mail-send');
        const [row] = await t.ctx.db.select().from(notifications).where(eq(notifications.id, waiting.id));
        expect(row.attempts).toBe(attempt);
        expect(row.lastError).toBeTruthy();
        if (attempt < 6) {
          expect(row.failedAt).toBeNull();
          expect(row.nextAttemptAt!.getTime() - now).toBe(60_000 * 2 ** (attempt - 1));
          // not before its time
          await backgroundOf(broken).runNow('mail-send');
          expect((await t.ctx.db.select().from(notifications).where(eq(notifications.id, waiting.id)))[0].attempts).toBe(attempt);
          now += 60_000 * 2 ** (attempt - 1);
        } else {
          expect(row.failedAt).not.toBeNull();
          expect(row.sentAt).toBeNull();
        }
      }
    } finally {
      await broken.close();
    }
  });
});
