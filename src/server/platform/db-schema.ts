import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const platform = pgSchema('platform');

/** Every change to a tenant's data: who, when, what before and after. Written in the same transaction. */
export const auditEvents = platform.table(
  'audit_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorType: text('actor_type').notNull(), // user | token | system
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(), // create | update | delete | import | login ...
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_events_entity_idx').on(t.tenantId, t.entityType, t.entityId, t.at),
    index('audit_events_at_idx').on(t.tenantId, t.at),
  ],
);

/**
 * Messages owed to people by any module (a ticket solved, a file decided, a ceiling reached):
 * written in the transaction of the change (notifications.ts), shown at once in the recipient's
 * notifications menu and sent later by the mail job (mail.ts), which fills sent_at. A row names
 * the record it is about (ref_type, ref_id) and where the application shows it (link).
 */
export const notifications = platform.table(
  'notifications',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The module that wrote it, and its own kind of message (ticket-solved, dossier-decided…). */
    module: text('module').notNull(),
    kind: text('kind').notNull(),
    refType: text('ref_type').notNull(),
    refId: uuid('ref_id').notNull(),
    /** Path of the record in the application ("/guichet/…"), and the words of the mail's link. */
    link: text('link'),
    linkLabel: text('link_label'),
    /** Where a reply to the mail goes (the desk's inbound address), when replying means something. */
    replyTo: text('reply_to'),
    recipientUserId: uuid('recipient_user_id'),
    recipientLabel: text('recipient_label').notNull(),
    recipientContact: text('recipient_contact'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    /** Read in the application by its recipient (the notifications menu). */
    readAt: timestamp('read_at', { withTimezone: true }),
    /** The Message-ID of the mail sent, so a reply (In-Reply-To, References) finds its record. */
    messageId: text('message_id'),
    /** Mail sending: not before this instant (backoff after a failure); the last error; given up. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** false: shown in the application only (nobody to mail, or an in-app-only kind). */
    byMail: boolean('by_mail').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('notifications_ref_idx').on(t.tenantId, t.refType, t.refId),
    // the mail job's queue, across tenants
    index('notifications_mail_queue_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null and ${t.byMail}`),
    index('notifications_recipient_idx').on(t.tenantId, t.recipientUserId, t.id),
    index('notifications_message_id_idx').on(t.tenantId, t.messageId).where(sql`${t.messageId} is not null`),
  ],
);
