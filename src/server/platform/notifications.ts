/**
 * What any module needs to tell people about a change, in the application and by mail: who is
 * told (recipients, each once) and whether a mail is owed. The rows themselves still live in the
 * module that owns the records they point to (the desk's `guichet.notifications`, read by its mail
 * job): the module adds its reference and writes them in the transaction of the change.
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
