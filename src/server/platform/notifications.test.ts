import { describe, expect, it } from 'vitest';
import { looksLikeMail, notificationValues } from './notifications.js';

const at = new Date('2026-03-02T08:00:00Z');
const draft = { tenantId: 't1', kind: 'followup', at, subject: 'Sujet', body: 'Texte' };

describe('notificationValues', () => {
  it('tells each person once, a user by id and an address whatever its case', () => {
    const values = notificationValues({
      ...draft,
      recipients: [
        { userId: 'u1', label: 'Anne', contact: null },
        { userId: 'u1', label: 'Anne (équipe)', contact: null },
        { userId: null, label: 'Parent', contact: 'Parent@Exemple.fr' },
        { userId: null, label: 'Parent', contact: 'parent@exemple.fr' },
      ],
    });
    expect(values.map((v) => [v.recipientUserId, v.recipientLabel, v.recipientContact])).toEqual([
      ['u1', 'Anne', null],
      [null, 'Parent', 'Parent@Exemple.fr'],
    ]);
    expect(values.every((v) => v.tenantId === 't1' && v.at === at && v.nextAttemptAt === at && v.subject === 'Sujet' && v.body === 'Texte')).toBe(true);
  });

  it('owes a mail to people of the application and to addresses, never to a caller known by a phone number only', () => {
    const values = notificationValues({
      ...draft,
      recipients: [
        { userId: 'u1', label: 'Anne', contact: null },
        { userId: null, label: 'Appelant', contact: '03 88 00 00 00' },
        { userId: null, label: 'Sans contact', contact: null },
      ],
    });
    expect(values.map((v) => [v.recipientLabel, v.byMail])).toEqual([
      ['Anne', true],
      ['Appelant', false],
    ]);
  });

  it('recognizes an address', () => {
    expect(looksLikeMail(' a@b.fr ')).toBe(true);
    expect(looksLikeMail('a b@c')).toBe(false);
    expect(looksLikeMail(null)).toBe(false);
  });
});
