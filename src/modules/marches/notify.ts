import { and, eq } from 'drizzle-orm';
import type { Db } from '../../server/platform/db.js';
import { queueNotifications, type Recipient } from '../../server/platform/notifications.js';
import { decisionKindLabels, decisionStatusLabels, type DecisionKind } from '../../shared/marches.js';
import { groupMembers, type groupDecisions, type purchasingGroups } from './db/schema.js';

/** Every notification of the module goes through this file (the platform's queue, in the caller's transaction). */

export type MarchesNotificationKind = 'decision-closed' | 'ceiling-80' | 'ceiling-100' | 'end-3-months';

/** The project leads the members named: the people told about the group's decisions and contracts. */
export async function projectLeads(db: Db, tenantId: string, groupId: string): Promise<Recipient[]> {
  const rows = await db
    .select({ userId: groupMembers.projectLeadUserId, name: groupMembers.projectLeadName, email: groupMembers.projectLeadEmail })
    .from(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, groupId)));
  return rows.map((r) => ({ userId: r.userId, label: r.name, contact: r.userId ? null : r.email }));
}

export async function notifyDecisionClosed(
  tx: Db,
  input: { group: typeof purchasingGroups.$inferSelect; decision: typeof groupDecisions.$inferSelect; at: Date },
): Promise<number> {
  const { group, decision } = input;
  const status = decisionStatusLabels[decision.status as keyof typeof decisionStatusLabels];
  return queueNotifications(tx, {
    tenantId: group.tenantId,
    kind: 'decision-closed' satisfies MarchesNotificationKind,
    at: input.at,
    recipients: await projectLeads(tx, group.tenantId, group.id),
    subject: `Décision ${status.toLowerCase()} : ${decision.title}`,
    body: `${group.name}\n${decisionKindLabels[decision.kind as DecisionKind]} : ${decision.title}\nStatut : ${status}`,
    ref: { module: 'marches', type: 'group-decision', id: decision.id, link: `/marches/groupements/${group.id}`, linkLabel: 'Voir le groupement' },
  });
}

export interface AlertNotice {
  tenantId: string;
  groupId: string | null;
  kind: Exclude<MarchesNotificationKind, 'decision-closed'>;
  contractId: string;
  subjectId: string;
  subject: string;
  body: string;
  at: Date;
}

/** A ceiling or end-date alert to the project leads of the contract's group. */
export async function notifyAlert(tx: Db, notice: AlertNotice): Promise<number> {
  const recipients = notice.groupId ? await projectLeads(tx, notice.tenantId, notice.groupId) : [];
  return queueNotifications(tx, {
    tenantId: notice.tenantId,
    kind: notice.kind,
    at: notice.at,
    recipients,
    subject: notice.subject,
    body: notice.body,
    ref: { module: 'marches', type: 'contract', id: notice.contractId, link: `/marches/${notice.contractId}`, linkLabel: 'Voir le marché' },
  });
}
