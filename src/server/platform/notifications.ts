import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './db.js';
import { notifications } from './db-schema.js';

/**
 * What any module needs to tell people about a change, in the application and by mail: who is
 * told (recipients, each once), whether a mail is owed, and the row written in the transaction of
 * the change (`platform.notifications`), shown at once in the recipient's notifications menu and
 * mailed later by the mail job (mail.ts).
 */

export interface Recipient {
  userId: string | null;
  label: string;
  /** An e-mail address; null: the user's address is read when the mail is sent. */
  contact: string | null;
}

export const looksLikeMail = (s: string | null): s is string => s !== null && /^[^\s@]+@[^\s@]+$/.test(s.trim());

export interface NotificationDraft<K extends string = string> {
  tenantId: string;
  kind: K;
  at: Date;
  recipients: Recipient[];
  subject: string;
  body: string;
}

export interface NotificationValues<K extends string = string> {
  tenantId: string;
  at: Date;
  kind: K;
  recipientUserId: string | null;
  recipientLabel: string;
  recipientContact: string | null;
  subject: string;
  body: string;
  /** A person of the application, or an address: the mail job sends it; otherwise shown in the application only. */
  byMail: boolean;
  nextAttemptAt: Date;
}

/** One row per person told: the same user or address listed twice (requester and team member) gets one. */
export function notificationValues<K extends string>(draft: NotificationDraft<K>): NotificationValues<K>[] {
  const seen = new Set<string>();
  const values: NotificationValues<K>[] = [];
  for (const r of draft.recipients) {
    const key = r.userId ?? r.contact?.toLowerCase() ?? '';
    if (!key || seen.has(key)) continue;
    seen.add(key);
    values.push({
      tenantId: draft.tenantId,
      at: draft.at,
      kind: draft.kind,
      recipientUserId: r.userId,
      recipientLabel: r.label,
      recipientContact: r.contact,
      subject: draft.subject,
      body: draft.body,
      byMail: r.userId !== null || looksLikeMail(r.contact),
      nextAttemptAt: draft.at,
    });
  }
  return values;
}

/** The record a notification is about, and where the application shows it. */
export interface NotificationRef {
  module: string;
  type: string;
  id: string;
  /** Path in the application ("/guichet/…"); the mail links to it. */
  link: string | null;
  linkLabel?: string;
  /** Where a reply to the mail should go, when the module reads replies (the desk). */
  replyTo?: string | null;
}

/** Writes one notification per person told, in the caller's transaction. */
export async function queueNotifications<K extends string>(tx: Db, draft: NotificationDraft<K> & { ref: NotificationRef }): Promise<number> {
  const { ref } = draft;
  const values = notificationValues(draft).map((v) => ({
    ...v,
    module: ref.module,
    refType: ref.type,
    refId: ref.id,
    link: ref.link,
    linkLabel: ref.linkLabel ?? null,
    replyTo: ref.replyTo ?? null,
  }));
  if (values.length) await tx.insert(notifications).values(values);
  return values.length;
}

/** The records that mails with these Message-IDs were about (a reply names them in In-Reply-To or References). */
export async function notifiedRefs(db: Db, tenantId: string, refType: string, messageIds: string[]): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const found = await db
    .selectDistinct({ refId: notifications.refId })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.refType, refType), inArray(notifications.messageId, messageIds)));
  return found.map((r) => r.refId);
}
