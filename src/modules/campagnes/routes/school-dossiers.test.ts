import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { insertFamilyAidCampaign } from '../family-aid/testing.js';
import { openKindCall, renewalFile } from '../renewal/testing.js';
import { as } from '../testing.js';

/**
 * A school's files across campaigns (its page in the référentiel): each caller sees the files of
 * its scope only, as in each campaign's list: an instructor those routed to their group, a
 * co-reviewing académie those of the calls it co-reviews, the school its own; a family never.
 */

const now = new Date('2027-01-10T11:00:00Z').getTime();
let t: TestApp;
let routed: { id: string };
let unrouted: { id: string };
let draft: { id: string };

const list = (uai: string, extra = '') => `/api/dossiers?uai=${uai}${extra}`;
const ids = (body: { items: { id: string }[] }) => body.items.map((d) => d.id).sort();

beforeAll(async () => {
  t = await testApp({ clock: () => new Date(now) });
  const first = await openKindCall(t, 'renewal', 'etablissement-appel-1');
  // the second call routes every file to a group the technician is not in, and is co-reviewed by the académie
  const second = await openKindCall(t, 'renewal', 'etablissement-appel-2');
  await as(t, 'authority-admin', 'PUT', `/api/campaigns/${second.id}/groups`, { groups: [{ name: 'Autres', priority: 9, isDefault: true, memberUserIds: [] }] });
  const current = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${second.id}`)).json();
  const partnered = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${second.id}`, {
    title: current.title,
    description: '',
    opensOn: '2027-01-01',
    closesOn: '2027-01-31',
    budgetCents: 1_000_000,
    retentionMonths: 12,
    eligibility: { natureCodes: [], unitIds: [], establishmentIds: [] },
    grid: [],
    partnerIds: [t.ids.academy.tenantId],
    status: 'published',
    version: current.version,
  });
  expect(partnered.statusCode, partnered.body).toBe(200);
  routed = await renewalFile(t, first.id, [{ assetClass: 'desktop', requested: 2 }]);
  unrouted = await renewalFile(t, second.id, [{ assetClass: 'laptop', requested: 1 }], 'en_construction');
  draft = await renewalFile(t, first.id, [{ assetClass: 'desktop', requested: 1 }], 'brouillon');
});
afterAll(() => t?.close());

describe('GET /api/dossiers?uai=', () => {
  it('gives the administrator, the auditor and the school every file of the school, latest first, one page at a time', async () => {
    const all = [routed.id, unrouted.id, draft.id].sort();
    for (const user of ['authority-admin', 'auditor', 'steering', 'establishment-staff'] as const) {
      const r = await as(t, user, 'GET', list(t.ids.staffSchool.uai));
      expect(r.statusCode, user).toBe(200);
      expect(r.json().total, user).toBe(3);
      expect(ids(r.json()), user).toEqual(all);
    }
    const first = (await as(t, 'authority-admin', 'GET', list(t.ids.staffSchool.uai.toLowerCase(), '&pageSize=2'))).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items[0]).toMatchObject({ campaign: { code: expect.stringMatching(/^etablissement-appel-/), kind: 'renewal' }, state: expect.any(String) });
    const second = (await as(t, 'authority-admin', 'GET', list(t.ids.staffSchool.uai, '&pageSize=2&page=2'))).json();
    expect([...first.items, ...second.items].map((d: { id: string }) => d.id).sort()).toEqual(all);
    expect(first.items[0].updatedAt >= first.items[1].updatedAt).toBe(true);
  });

  it('gives an instructor only the files routed to their group, a co-reviewing académie only the call it co-reviews', async () => {
    const technician = (await as(t, 'technician', 'GET', list(t.ids.staffSchool.uai))).json();
    expect(ids(technician)).toContain(routed.id);
    expect(ids(technician)).not.toContain(unrouted.id);
    const academy = (await as(t, 'academy-staff', 'GET', list(t.ids.staffSchool.uai))).json();
    expect(academy).toMatchObject({ total: 1, items: [expect.objectContaining({ id: unrouted.id })] });
  });

  it('shows nothing to those outside: another school’s staff, the contractor; refuses a family; another authority does not find the school', async () => {
    const other = t.ids.establishments.unit1[1]!.uai;
    expect((await as(t, 'establishment-staff', 'GET', list(other))).json()).toMatchObject({ total: 0, items: [] });
    expect((await as(t, 'contractor', 'GET', list(t.ids.staffSchool.uai))).json()).toMatchObject({ total: 0, items: [] });
    const b = await as(t, 'admin-b', 'GET', list(t.ids.staffSchool.uai));
    expect(b.statusCode).toBe(404);
    expect(b.body).not.toContain(t.ids.staffSchool.name);
    expect((await t.app.inject({ method: 'GET', url: list(t.ids.staffSchool.uai) })).statusCode).toBe(401);
    const bad = await as(t, 'authority-admin', 'GET', list('59-abc'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].message).toBe('UAI : 7 chiffres et une lettre.');

    await insertFamilyAidCampaign(t);
    const base = `/api/authorities/${t.ids.a.code}`;
    expect((await t.app.inject({ method: 'POST', url: `${base}/campaigns/lycee40-equipement/family-sign-in-link`, payload: { email: 'famille@example.fr' } })).statusCode).toBe(202);
    const token = /#jeton=([\w-]+)/.exec(t.app.familyMailer.outbox.at(-1)!.text)![1];
    const session = await t.app.inject({ method: 'POST', url: `${base}/family-sign-in`, payload: { token } });
    const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const family = await t.app.inject({ method: 'GET', url: list(t.ids.staffSchool.uai), headers: { cookie } });
    expect(family.statusCode).toBe(403);
  });
});
