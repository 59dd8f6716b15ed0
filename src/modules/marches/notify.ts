import { and, eq, inArray } from 'drizzle-orm';
import { rolesGranting } from '../../server/platform/authz.js';
import type { Db } from '../../server/platform/db.js';
import { queueNotifications, type Recipient } from '../../server/platform/notifications.js';
import { roleAssignmentsView, usersView } from '../access/index.js';
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
  buyerOrganizationId: string;
  kind: Exclude<MarchesNotificationKind, 'decision-closed'>;
  contractId: string;
  subjectId: string;
  subject: string;
  body: string;
  at: Date;
}

/**
 * The people who manage the buyer's contracts (every active user of the buyer organization holding
 * a role that grants contract.manage): told when the contract has no purchasing group, as most of
 * Grand Est's have not.
 */
export async function contractManagers(db: Db, tenantId: string, buyerOrganizationId: string): Promise<Recipient[]> {
  const rows = await db
    .selectDistinct({ userId: usersView.id, name: usersView.displayName })
    .from(roleAssignmentsView)
    .innerJoin(usersView, eq(usersView.id, roleAssignmentsView.userId))
    .where(and(eq(roleAssignmentsView.tenantId, tenantId), eq(roleAssignmentsView.organizationId, buyerOrganizationId), inArray(roleAssignmentsView.role, rolesGranting('contract.manage')), eq(usersView.active, true)));
  return rows.map((r) => ({ userId: r.userId, label: r.name, contact: null }));
}

/** A ceiling or end-date alert to the project leads of the contract's group, or without a group to the buyer's contract managers. */
export async function notifyAlert(tx: Db, notice: AlertNotice): Promise<number> {
  const recipients = notice.groupId ? await projectLeads(tx, notice.tenantId, notice.groupId) : await contractManagers(tx, notice.tenantId, notice.buyerOrganizationId);
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
