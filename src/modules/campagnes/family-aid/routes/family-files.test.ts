import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/app.js';
import { multipartBody } from '../../../../test/multipart.js';
import { insertFamilyAidCampaign } from '../testing.js';

let t: TestApp;
let now = new Date('2026-09-15T08:00:00Z');
beforeAll(async () => {
  t = await testApp({ clock: () => now });
  await insertFamilyAidCampaign(t, { closesAt: new Date('2026-10-31T22:59:59Z') });
});
afterAll(() => t.close());

const base = () => `/api/authorities/${t.ids.a.code}`;

/** Asks a link for the address, reads it in the outbox as the family would in its mailbox, signs in. */
async function signIn(email: string) {
  const asked = await t.app.inject({ method: 'POST', url: `${base()}/campaigns/lycee40-equipement/family-sign-in-link`, payload: { email } });
  expect(asked.statusCode).toBe(202);
  const mail = t.app.familyMailer.outbox.at(-1)!;
  expect(mail.to).toBe(email);
  const token = /#jeton=([\w-]+)/.exec(mail.text)![1];
  const res = await t.app.inject({ method: 'POST', url: `${base()}/family-sign-in`, payload: { token } });
  return { res, token, cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('a family applies for the aid', () => {
  let cookie = '';
  let id = '';
  let version = 0;
  const as = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, c = cookie) => t.app.inject({ method, url, payload, headers: { cookie: c } });

  it('signs in by a single-use link, never twice, and a staff address is refused', async () => {
    const first = await signIn('famille.martin@example.fr');
    expect(first.res.statusCode).toBe(200);
    cookie = first.cookie;
    const again = await t.app.inject({ method: 'POST', url: `${base()}/family-sign-in`, payload: { token: first.token } });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.message).toMatch(/déjà servi/);
    const staff = await signIn(t.ids.users['establishment-staff'].email);
    expect(staff.res.statusCode).toBe(403);
  });

  it('refuses a link past its 30 minutes', async () => {
    await t.app.inject({ method: 'POST', url: `${base()}/campaigns/lycee40-equipement/family-sign-in-link`, payload: { email: 'tard@example.fr' } });
    const token = /#jeton=([\w-]+)/.exec(t.app.familyMailer.outbox.at(-1)!.text)![1];
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await t.app.inject({ method: 'POST', url: `${base()}/family-sign-in`, payload: { token } })).statusCode).toBe(401);
  });

  it('starts a draft, is told what is missing, fills it and sees the aid computed', async () => {
    const started = await as('POST', '/api/family/campaigns/lycee40-equipement/aid-files');
    expect(started.statusCode).toBe(201);
    ({ id, version } = started.json());
    expect(started.json().missing.map((m: { path: string }) => m.path)).toEqual(['pupil', 'uai', 'device', 'householdIncomeCents', 'taxNotice']);
    const submitEarly = await as('POST', `/api/family/aid-files/${id}/submit`, { version });
    expect(submitEarly.statusCode).toBe(400);
    expect(submitEarly.json().error.message).toMatch(/Il manque encore : le prénom et le nom de l’élève/);
    const filled = await as('PUT', `/api/family/aid-files/${id}`, {
      version,
      pupilFirstName: 'Lucas',
      pupilLastName: 'Martin',
      pupilClass: '2nde 3',
      uai: t.ids.staffSchool.uai,
      device: 'portable',
      householdIncomeCents: 3_500_000,
      instalments: 10,
      insurance: true,
    });
    expect(filled.statusCode).toBe(200);
    expect(filled.json()).toMatchObject({ priceCents: 44_900, aidCents: 22_450, familyCents: 22_450, insuranceCents: 5_600, schoolName: t.ids.staffSchool.name });
    expect(filled.json().schedule.reduce((a: number, s: { amountCents: number }) => a + s.amountCents, 0)).toBe(22_450 + 5_600);
    // an edit on the version read before is another's change in between
    expect((await as('PUT', `/api/family/aid-files/${id}`, { version, pupilClass: '2nde 4' })).statusCode).toBe(409);
    version = filled.json().version;
    expect((await as('PUT', `/api/family/aid-files/${id}`, { version, device: 'console' })).statusCode).toBe(400);
  });

  it('attaches the tax notice checked by content and reads it back', async () => {
    const fake = multipartBody({ name: 'avis.pdf', bytes: Buffer.from('#!/bin/sh\necho pirate\n') });
    const refused = await t.app.inject({ method: 'POST', url: `/api/family/aid-files/${id}/tax-notice`, payload: fake.payload, headers: { 'content-type': fake.contentType, cookie } });
    expect(refused.statusCode).toBe(415);
    const csv = multipartBody({ name: 'avis.csv', bytes: Buffer.from('a;b\n1;2\n') });
    expect((await t.app.inject({ method: 'POST', url: `/api/family/aid-files/${id}/tax-notice`, payload: csv.payload, headers: { 'content-type': csv.contentType, cookie } })).statusCode).toBe(415);
    const good = multipartBody({ name: 'avis-2025.pdf', bytes: pdf });
    const added = await t.app.inject({ method: 'POST', url: `/api/family/aid-files/${id}/tax-notice`, payload: good.payload, headers: { 'content-type': good.contentType, cookie } });
    expect(added.statusCode).toBe(201);
    const download = await as('GET', `/api/family/aid-files/${id}/documents/${added.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('submits once complete; another family sees none of it', async () => {
    const current = (await as('GET', `/api/family/aid-files/${id}`)).json();
    expect(current.missing).toEqual([]);
    const submitted = await as('POST', `/api/family/aid-files/${id}/submit`, { version: current.version });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().state).toBe('en_construction');
    // a double submit on the same version is a 409, nothing changes
    expect((await as('POST', `/api/family/aid-files/${id}/submit`, { version: current.version })).statusCode).toBe(409);
    const other = await signIn('famille.roux@example.fr');
    expect((await as('GET', `/api/family/aid-files/${id}`, undefined, other.cookie)).statusCode).toBe(404);
    expect((await as('GET', '/api/family/aid-files', undefined, other.cookie)).json()).toEqual([]);
    expect((await as('GET', '/api/family/aid-files')).json()).toHaveLength(1);
    // staff hold no family action
    expect((await t.app.inject({ method: 'GET', url: `/api/family/aid-files/${id}`, headers: await t.headers('establishment-staff') })).statusCode).toBe(403);
  });

  it('instructors add the social fund, the school hands the device over into the Parc, the dashboard counts it', async () => {
    const admin = await t.headers('authority-admin');
    const staff = await t.headers('establishment-staff');
    let v = (await as('GET', `/api/family/aid-files/${id}`)).json().version;
    // the technician holds the action but is no instructor of this campaign: the file does not exist for him
    expect((await t.app.inject({ method: 'PUT', url: `/api/aid-files/${id}/social-fund`, payload: { version: v, socialFundCents: 100, reason: 'x' }, headers: await t.headers('technician') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: `/api/aid-files/${id}/social-fund`, payload: { version: v, socialFundCents: 22_451, reason: 'trop' }, headers: admin })).statusCode).toBe(400);
    const fund = await t.app.inject({ method: 'PUT', url: `/api/aid-files/${id}/social-fund`, payload: { version: v, socialFundCents: 10_000, reason: 'Famille en difficulté' }, headers: admin });
    expect(fund.statusCode).toBe(204);
    const after = (await as('GET', `/api/family/aid-files/${id}`)).json();
    expect(after).toMatchObject({ socialFundCents: 10_000, familyCents: 12_450 });
    expect(after.schedule.reduce((a: number, s: { amountCents: number }) => a + s.amountCents, 0)).toBe(12_450 + 5_600);
    // not accepted yet: nothing to hand over
    v = after.version;
    expect((await t.app.inject({ method: 'POST', url: `/api/aid-files/${id}/delivery`, payload: { version: v, serial: 'PF-1' }, headers: staff })).statusCode).toBe(409);
    const { transitionDossier } = await import('../../dossier-states.js');
    const { loadAidFile } = await import('../file-store.js');
    for (const transition of ['start-review', 'accept'] as const) {
      const file = (await loadAidFile(t.ctx.db, t.ids.a.tenantId, id))!;
      await t.ctx.db.transaction((tx) => transitionDossier(t.ctx, tx, { dossier: file.dossier, transition, version: file.dossier.version }));
    }
    v = (await as('GET', `/api/family/aid-files/${id}`)).json().version;
    // a school other than the pupil's does not see the file
    const otherSchool = await t.app.inject({ method: 'POST', url: `/api/aid-files/${id}/delivery`, payload: { version: v, serial: 'PF-1' }, headers: await t.headers('technician') });
    expect(otherSchool.statusCode).toBe(403);
    const handed = await t.app.inject({ method: 'POST', url: `/api/aid-files/${id}/delivery`, payload: { version: v, serial: 'pf 1' }, headers: staff });
    expect(handed.statusCode).toBe(200);
    const asset = await t.app.inject({ method: 'GET', url: `/api/assets/${handed.json().assetId}`, headers: admin });
    expect(asset.json()).toMatchObject({ class: 'byod', ownerKind: 'family', fundingSource: 'family-aid', serial: 'PF1' });
    expect((await t.app.inject({ method: 'POST', url: `/api/aid-files/${id}/delivery`, payload: { version: v + 1, serial: 'PF-2' }, headers: staff })).statusCode).toBe(409);
    const campaignId = (await loadAidFile(t.ctx.db, t.ids.a.tenantId, id))!.campaign.id;
    const board = await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/aid-dashboard`, headers: await t.headers('steering') });
    expect(board.statusCode).toBe(200);
    expect(board.json()).toMatchObject({
      equippedBySchool: [{ uai: t.ids.staffSchool.uai, pupils: 1 }],
      deviceSplit: [{ device: 'portable', files: 1, percent: 100 }],
      totals: { acceptedFiles: 1, aidCents: 22_450, socialFundCents: 10_000, familyCents: 12_450 },
    });
    expect(JSON.stringify(board.json())).not.toMatch(/Martin|3500000/);
    expect((await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/aid-dashboard`, headers: staff })).statusCode).toBe(403);
  });

  it('refuses submissions after closing', async () => {
    const draft = (await as('POST', '/api/family/campaigns/lycee40-equipement/aid-files')).json();
    now = new Date('2026-11-01T00:00:00Z');
    cookie = (await signIn('famille.martin@example.fr')).cookie; // the morning session has ended
    const late = await as('POST', `/api/family/aid-files/${draft.id}/submit`, { version: draft.version });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/est close/);
  });
});

describe('the sign-in link asked without an account', () => {
  it('sends an address at most 5 links an hour, then refuses in French and sends nothing', async () => {
    now = new Date('2026-09-20T08:00:00Z');
    const ask = () => t.app.inject({ method: 'POST', url: `${base()}/campaigns/lycee40-equipement/family-sign-in-link`, payload: { email: 'Inondee@example.fr' } });
    for (let i = 0; i < 5; i++) expect((await ask()).statusCode).toBe(202);
    const sent = t.app.familyMailer.outbox.length;
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/Trop de liens de connexion demandés pour cette adresse/);
    expect(t.app.familyMailer.outbox.length).toBe(sent);
    // another address is not held back by this one
    expect((await t.app.inject({ method: 'POST', url: `${base()}/campaigns/lycee40-equipement/family-sign-in-link`, payload: { email: 'autre@example.fr' } })).statusCode).toBe(202);
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await ask()).statusCode).toBe(202);
  });
});
