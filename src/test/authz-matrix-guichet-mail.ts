import { notifications } from '../server/platform/db-schema.js';
import type { TestApp } from './app.js';
import { allowed, everyUser, unique, type MatrixEntry } from './authz-matrix.js';
import { deskOf, standingTickets } from './matrix-fixtures/guichet.js';

/**
 * The service desk's mail and notifications routes. Notifications are one's own only: another
 * person's is "not found" whatever the role; an API token has none (403 on the changes).
 * The desk's inbound address is shown to everyone of the tenant and set by its administrators.
 */

/** A notification of tenant A's administrator on a standing ticket, made for each call. */
async function adminNotification(t: TestApp): Promise<number> {
  const ticketId = (await standingTickets(t)).unit1;
  const [row] = await t.ctx.db
    .insert(notifications)
    .values({
      tenantId: t.ids.a.tenantId,
      at: t.ctx.now(),
      module: 'guichet',
      kind: 'sla-warning',
      refType: 'ticket',
      refId: ticketId,
      link: `/guichet/${ticketId}`,
      recipientUserId: t.ids.users['authority-admin'].id,
      recipientLabel: 'Essai authority-admin',
      subject: 'Matrice : délai bientôt atteint',
      body: 'Notification de la matrice.',
    })
    .returning({ id: notifications.id });
  return row.id;
}

export const guichetMailMatrix: Record<string, MatrixEntry> = {
  listMyNotifications: {
    cases: [{ expect: everyUser(200), request: () => ({ url: '/api/notifications', query: { pageSize: '50' } }) }],
  },
  markNotificationRead: {
    cases: [
      {
        label: 'notification de l’administrateur de A',
        // someone else's notification does not exist, whatever the role
        expect: { default: 404, 'authority-admin': 200, recordOfA: true },
        request: async (t) => ({ method: 'POST', url: `/api/notifications/${await adminNotification(t)}/read` }),
      },
    ],
  },
  markAllNotificationsRead: {
    cases: [{ expect: everyUser(200), request: () => ({ method: 'POST', url: '/api/notifications/read-all' }) }],
  },
  getDeskMailSettings: {
    cases: [{ expect: everyUser(200), request: async (t) => (await deskOf(t), { url: '/api/desk/mail' }) }],
  },
  setDeskMailSettings: {
    cases: [
      {
        expect: allowed(['authority-admin'], 200), // B's admin sets its own tenant's
        request: async (t) => {
          await deskOf(t);
          return { method: 'PUT', url: '/api/desk/mail', payload: { inboundAddress: `${unique('guichet')}@matrice.essai.fr` } };
        },
      },
    ],
  },
};
