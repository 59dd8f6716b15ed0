import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import type { Recipient } from '../../server/platform/notifications.js';
import { dossierEvents, type DossierState } from './db/schema.js';
import type { DossierRow } from './dossier-states.js';

/**
 * Every notification of the campaigns goes through this file: the platform's shared notification
 * table (queueNotifications) replaces the history record below when it lands, and only this file changes.
 */

const stateLabels: Record<DossierState, string> = {
  brouillon: 'brouillon',
  en_construction: 'en construction',
  en_instruction: 'en instruction',
  accepte: 'accepté',
  refuse: 'refusé',
  classe_sans_suite: 'classé sans suite',
};

export interface CampaignNotification {
  kind: 'dossier-state' | 'dossier-message' | 'opinion-requested' | 'draft-reminder';
  recipients: Recipient[];
  subject: string;
  body: string;
}

/** Records the notification in the file's history (in-app) until the platform's table takes it (mail too). */
export async function queueCampaignNotification(ctx: Ctx, tx: Db, dossier: Pick<DossierRow, 'tenantId' | 'id'>, notification: CampaignNotification) {
  const recipients = notification.recipients.filter((r) => r.userId || r.contact);
  if (!recipients.length) return;
  await tx.insert(dossierEvents).values({
    tenantId: dossier.tenantId,
    dossierId: dossier.id,
    at: ctx.now(),
    kind: 'notification',
    actorUserId: null,
    actorLabel: 'Système',
    details: { notification: notification.kind, subject: notification.subject, body: notification.body, recipients: recipients.map((r) => r.userId ?? r.contact) },
  });
}

const applicantOf = (dossier: DossierRow): Recipient[] =>
  dossier.applicantUserId ? [{ userId: dossier.applicantUserId, label: dossier.applicantLabel, contact: null }] : [];

/** The applicant is told of each change of their file's state. */
export async function notifyStateChange(ctx: Ctx, tx: Db, dossier: DossierRow, from: DossierState, reason: string | null) {
  const subject = `Dossier n° ${dossier.number} : ${stateLabels[dossier.state]}`;
  const body = dossier.correction && dossier.state === 'en_construction'
    ? `Une correction de votre dossier n° ${dossier.number} est demandée${reason ? ` : ${reason}` : ''}.`
    : `Votre dossier n° ${dossier.number} est passé de « ${stateLabels[from]} » à « ${stateLabels[dossier.state]} »${reason ? ` : ${reason}` : ''}.`;
  await queueCampaignNotification(ctx, tx, dossier, { kind: 'dossier-state', recipients: applicantOf(dossier), subject, body });
}

/** A message tells the other side: the applicant, or the instructors of the file's group. */
export async function notifyMessage(ctx: Ctx, tx: Db, dossier: DossierRow, recipients: Recipient[], excerpt: string) {
  await queueCampaignNotification(ctx, tx, dossier, {
    kind: 'dossier-message',
    recipients,
    subject: `Nouveau message sur le dossier n° ${dossier.number}`,
    body: excerpt.slice(0, 500),
  });
}

export async function notifyOpinionRequested(ctx: Ctx, tx: Db, dossier: DossierRow, expert: Recipient) {
  await queueCampaignNotification(ctx, tx, dossier, {
    kind: 'opinion-requested',
    recipients: [expert],
    subject: `Avis demandé sur le dossier n° ${dossier.number}`,
    body: `Votre avis est demandé sur le dossier n° ${dossier.number}.`,
  });
}

export async function notifyDraftReminder(ctx: Ctx, tx: Db, dossier: DossierRow, closesOn: string) {
  await queueCampaignNotification(ctx, tx, dossier, {
    kind: 'draft-reminder',
    recipients: applicantOf(dossier),
    subject: `Votre dossier n° ${dossier.number} n'est pas déposé`,
    body: `L'appel ferme le ${closesOn} à 23 h 59 : déposez votre dossier avant.`,
  });
}

export { applicantOf };
