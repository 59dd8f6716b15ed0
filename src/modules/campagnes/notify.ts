import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { queueNotifications, type Recipient } from '../../server/platform/notifications.js';
import type { DossierState } from './db/schema.js';
import type { DossierRow } from './dossier-states.js';

/**
 * Every notification of the campaigns goes through this file, onto the platform's notification
 * table (queueNotifications): shown in the application's menu and mailed by the platform's job.
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
  kind: 'dossier-state' | 'dossier-message' | 'opinion-requested' | 'draft-reminder' | 'draft-expiry';
  recipients: Recipient[];
  subject: string;
  body: string;
}

/** Queues the notification in the caller's transaction, pointing at the file's page. */
export async function queueCampaignNotification(ctx: Ctx, tx: Db, dossier: Pick<DossierRow, 'tenantId' | 'id'>, notification: CampaignNotification) {
  await queueNotifications(tx, {
    tenantId: dossier.tenantId,
    kind: notification.kind,
    at: ctx.now(),
    recipients: notification.recipients,
    subject: notification.subject,
    body: notification.body,
    ref: { module: 'campagnes', type: 'dossier', id: dossier.id, link: `/campagnes/dossiers/${dossier.id}`, linkLabel: 'Voir le dossier' },
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

/** A family draft untouched for almost three months: deleted on `deletedOn` unless the family comes back. */
export async function notifyDraftExpiry(ctx: Ctx, tx: Db, dossier: DossierRow, deletedOn: string) {
  await queueCampaignNotification(ctx, tx, dossier, {
    kind: 'draft-expiry',
    recipients: applicantOf(dossier),
    subject: `Votre brouillon n° ${dossier.number} va être supprimé`,
    body: `Votre dossier n° ${dossier.number} n'a pas été modifié depuis près de trois mois : sans modification de votre part, il sera supprimé le ${deletedOn}, avec les pièces jointes.`,
  });
}
