import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { deskSettings, type TicketRow } from '../db/schema.js';
import type { DeskConfig } from '../desk-config.js';
import { unitChain } from '../routing.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { looksLikeMail, queueNotifications as queuePlatformNotifications, type Recipient } from '../../../server/platform/notifications.js';

export type { Recipient } from '../../../server/platform/notifications.js';

/**
 * The desk's notifications, written in the transaction of the change that causes them through
 * the platform's (shown in the recipient's notifications menu at once, mailed later by the
 * platform's mail job) with the ticket's reference in the subject, its page as the link and the
 * desk's inbound address as Reply-To. Private follow-ups never go into a notification: only what
 * the recipient may read on the ticket itself is written here.
 */

export const notificationKinds = [
  'ticket-received', // acknowledgement of a ticket opened by e-mail
  'followup', // a public follow-up of the desk, for the requester
  'ticket-solved',
  'major-solved',
  'sla-warning',
  'sla-breach',
  'escalated',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The reference people and mail replies use: "[n° 123]" in every subject. */
export const ticketReference = (number: number) => `[n° ${number}]`;

export async function queueNotifications(
  tx: Db,
  input: {
    ticket: Pick<TicketRow, 'tenantId' | 'id' | 'number'>;
    kind: NotificationKind;
    at: Date;
    recipients: Recipient[];
    subject: string;
    body: string;
    /** The desk's inbound address when the caller already read it (several notifications of one change). */
    replyTo?: string | null;
  },
): Promise<void> {
  const { ticket } = input;
  if (input.recipients.length === 0) return;
  const replyTo = input.replyTo !== undefined ? input.replyTo : await deskReplyTo(tx, ticket.tenantId);
  await queuePlatformNotifications(tx, {
    tenantId: ticket.tenantId,
    kind: input.kind,
    at: input.at,
    recipients: input.recipients,
    subject: `${ticketReference(ticket.number)} ${input.subject}`,
    body: input.body,
    ref: { module: 'guichet', type: 'ticket', id: ticket.id, link: `/guichet/${ticket.id}`, linkLabel: 'Voir le ticket', replyTo },
  });
}

/** Where replies to the desk's mail go: its inbound address, when it takes mail. */
export async function deskReplyTo(db: Db, tenantId: string): Promise<string | null> {
  const [desk] = await db.select({ inboundAddress: deskSettings.inboundAddress }).from(deskSettings).where(eq(deskSettings.tenantId, tenantId));
  return desk?.inboundAddress ?? null;
}

/** The requester of a ticket as a recipient (null: a caller without contact cannot be told). */
export function requesterOf(ticket: Pick<TicketRow, 'requesterUserId' | 'requesterName' | 'requesterContact'>): Recipient | null {
  if (!ticket.requesterUserId && !looksLikeMail(ticket.requesterContact)) return null;
  return { userId: ticket.requesterUserId, label: ticket.requesterName, contact: looksLikeMail(ticket.requesterContact) ? ticket.requesterContact.trim() : null };
}

/**
 * The people of a support team, for warnings and escalations. Teams have no member list: a
 * member is an active person of the team's organization with a handling role in the tenant,
 * at the team's level (or without a level), whose units cover the ticket's school (or who has
 * no unit: the whole tenant). The person in charge of the ticket is always told.
 */
export async function teamRecipients(
  db: Db,
  config: DeskConfig,
  input: { tenantId: string; teamId: string | null; assignedUserId?: string | null; schoolUnitId: string | null },
): Promise<Recipient[]> {
  const team = input.teamId ? config.teamsById.get(input.teamId) : undefined;
  const chain = unitChain(config, input.schoolUnitId);
  const chainArray = uuidArray(chain);
  const found = team
    ? await rows<{ id: string; label: string }>(
        db,
        sql`select distinct u.id, u.display_name as label
              from access.role_assignments_view a join access.users_view u on u.id = a.user_id
             where a.tenant_id = ${input.tenantId} and a.organization_id = ${team.organizationId} and u.active
               and a.role in ('technician', 'academy-staff', 'contractor')
               and (a.level is null or a.level = ${team.level})
               and (cardinality(a.unit_ids) = 0 or a.unit_ids && ${chainArray})`,
      )
    : [];
  const list: Recipient[] = found.map((p) => ({ userId: p.id, label: p.label, contact: null }));
  if (input.assignedUserId && !list.some((r) => r.userId === input.assignedUserId)) {
    const [person] = await rows<{ id: string; label: string }>(db, sql`select id, display_name as label from access.users_view where id = ${input.assignedUserId} and active`);
    if (person) list.push({ userId: person.id, label: person.label, contact: null });
  }
  if (list.length === 0) {
    // nobody in the team (or no team): the authority's administrators are told instead
    const admins = await rows<{ id: string; label: string }>(
      db,
      sql`select distinct u.id, u.display_name as label from access.role_assignments_view a join access.users_view u on u.id = a.user_id
           where a.tenant_id = ${input.tenantId} and a.organization_id = ${input.tenantId} and a.role = 'authority-admin' and u.active`,
    );
    list.push(...admins.map((p) => ({ userId: p.id, label: p.label, contact: null })));
  }
  return list;
}
