import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { notifiedRefs, queueNotifications } from './notifications.js';
import { notifications } from './db-schema.js';
import { eq } from 'drizzle-orm';

/**
 * The notifications menu belongs to the platform: what any module writes (here a module other
 * than the desk, about a record of its own) is listed to its recipient only, with its link, and
 * a reply naming the mail's Message-ID finds the record again.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
}, 60_000);
afterAll(() => t?.close());

describe('notifications written by any module', () => {
  const fileId = randomUUID();

  it('lists a notification of another module to its recipient, with its link, and to nobody else', async () => {
    const admin = t.ids.users['authority-admin'];
    const written = await t.ctx.db.transaction((tx) =>
      queueNotifications(tx, {
        tenantId: t.ids.a.tenantId,
        kind: 'file-decided',
        at: t.ctx.now(),
        // the same person twice (by id) is told once
        recipients: [
          { userId: admin.id, label: 'Administrateur', contact: null },
          { userId: admin.id, label: 'Administrateur', contact: null },
        ],
        subject: 'Dossier accepté',
        body: 'Votre dossier a été accepté.',
        ref: { module: 'campagnes', type: 'dossier', id: fileId, link: `/campagnes/dossiers/${fileId}`, linkLabel: 'Voir le dossier' },
      }),
    );
    expect(written).toBe(1);

    const mine = await t.app.inject({ method: 'GET', url: '/api/notifications?pageSize=100', headers: await t.headers('authority-admin') });
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items.find((n: { refId: string }) => n.refId === fileId);
    expect(item).toMatchObject({ module: 'campagnes', refType: 'dossier', ticketId: null, link: `/campagnes/dossiers/${fileId}`, subject: 'Dossier accepté', readAt: null });

    const other = await t.app.inject({ method: 'GET', url: '/api/notifications?pageSize=100', headers: await t.headers('technician') });
    expect(other.json().items.some((n: { refId: string }) => n.refId === fileId)).toBe(false);
    expect((await t.app.inject({ method: 'POST', url: `/api/notifications/${item.id}/read`, headers: await t.headers('technician') })).statusCode).toBe(404);
  });

  it('finds the record a reply is about from the Message-ID of the mail sent', async () => {
    const [row] = await t.ctx.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.refId, fileId));
    await t.ctx.db.update(notifications).set({ messageId: '<n1.essai@coherence.test>' }).where(eq(notifications.id, row.id));
    expect(await notifiedRefs(t.ctx.db, t.ids.a.tenantId, 'dossier', ['<autre@ailleurs>', '<n1.essai@coherence.test>'])).toEqual([fileId]);
    // another tenant, or another kind of record, finds nothing
    expect(await notifiedRefs(t.ctx.db, t.ids.b.tenantId, 'dossier', ['<n1.essai@coherence.test>'])).toEqual([]);
    expect(await notifiedRefs(t.ctx.db, t.ids.a.tenantId, 'ticket', ['<n1.essai@coherence.test>'])).toEqual([]);
  });
});
