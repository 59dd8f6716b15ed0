import { createServer, type Server } from 'node:net';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../../../server/platform/db-schema.js';
import { testApp, type TestApp } from '../../../../test/app.js';
import { multipartBody } from '../../../../test/multipart.js';
import { campaignPartners, documentContents, dossiers } from '../../db/schema.js';
import { retentionJobNames } from '../../retention/jobs.js';
import { familyAidFiles, familyAidPurges } from '../db/schema.js';
import { insertFamilyAidCampaign } from '../testing.js';

/**
 * Personal data of the family aid: the tax notice's gate, who reads income and identity, the
 * family's export, the retention purge and the drafts' expiry, on the fake clock.
 */
let t: TestApp;
let now = new Date('2026-09-15T08:00:00Z');
let clamd: Server;
let campaignId = '';
const closesAt = new Date('2026-10-31T22:59:59Z');
beforeAll(async () => {
  t = await testApp({ clock: () => now });
  const { campaign } = await insertFamilyAidCampaign(t, { closesAt, retentionMonths: 6 });
  campaignId = campaign.id;
  await t.ctx.db.insert(campaignPartners).values({ tenantId: t.ids.a.tenantId, campaignId, organizationId: t.ids.academy.tenantId });
  // a clamd speaking INSTREAM that flags the EICAR string
  clamd = createServer((socket) => {
    let seen = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      seen = Buffer.concat([seen, chunk]);
      if (seen.length >= 4 && seen.subarray(-4).readUInt32BE(0) === 0) socket.end(seen.includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE') ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
    });
  });
  await new Promise<void>((ok) => clamd.listen(0, '127.0.0.1', ok));
  t.app.config.campagnes = { clamd: `127.0.0.1:${(clamd.address() as { port: number }).port}` };
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((ok) => clamd.close(() => ok()));
});

const base = () => `/api/authorities/${t.ids.a.code}`;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function signIn(email: string) {
  await t.app.inject({ method: 'POST', url: `${base()}/campaigns/lycee40-equipement/family-sign-in-link`, payload: { email } });
  const token = /#jeton=([\w-]+)/.exec(t.app.familyMailer.outbox.at(-1)!.text)![1];
  const res = await t.app.inject({ method: 'POST', url: `${base()}/family-sign-in`, payload: { token } });
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

const upload = (id: string, cookie: string, name: string, bytes: Buffer) => {
  const body = multipartBody({ name, bytes });
  return t.app.inject({ method: 'POST', url: `/api/family/aid-files/${id}/tax-notice`, payload: body.payload, headers: { 'content-type': body.contentType, cookie } });
};

describe('personal data of a family file', () => {
  it('a campaign keeps its files 1 to 60 months after closing, 12 by default; outside is a French 400', async () => {
    const headers = await t.headers('authority-admin');
    const campaign = (retentionMonths?: number) => ({ code: `conservation-${retentionMonths ?? 'defaut'}`, kind: 'family-aid', title: 'Conservation', opensOn: '2026-09-01', closesOn: '2026-12-31', retentionMonths });
    for (const months of [0, 61]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', payload: campaign(months), headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('Certaines valeurs envoyées ne sont pas valides.');
      expect(res.json().error.issues).toContainEqual({ path: 'body.retentionMonths', message: months ? 'Conservation : 60 mois au plus.' : 'Conservation : 1 mois au moins.' });
    }
    const byDefault = await t.app.inject({ method: 'POST', url: '/api/campaigns', payload: campaign(), headers });
    expect(byDefault.statusCode).toBe(201);
    expect(byDefault.json().retentionMonths).toBe(12);
    expect((await t.app.inject({ method: 'POST', url: '/api/campaigns', payload: campaign(60), headers })).json().retentionMonths).toBe(60);
  });

  let cookie = '';
  let id = '';
  let noticeId = '';
  // the clock jumps months: a fresh session each time
  const get = async (url: string, who: Parameters<TestApp['headers']>[0]) => t.app.inject({ method: 'GET', url, headers: await t.headers(who, { fresh: now > closesAt }) });

  it('the tax notice passes the documents’ gate: clamd, size limit, type by content', async () => {
    cookie = await signIn('famille.bernard@example.fr');
    const started = (await t.app.inject({ method: 'POST', url: '/api/family/campaigns/lycee40-equipement/aid-files', headers: { cookie } })).json();
    id = started.id;
    const filled = await t.app.inject({
      method: 'PUT',
      url: `/api/family/aid-files/${id}`,
      headers: { cookie },
      payload: { version: started.version, pupilFirstName: 'Léa', pupilLastName: 'Bernard', uai: t.ids.staffSchool.uai, device: 'tablette', householdIncomeCents: 4_100_000, instalments: 3 },
    });
    expect(filled.statusCode).toBe(200);
    const infected = await upload(id, cookie, 'avis.pdf', Buffer.concat([pdf, Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*')]));
    expect(infected.statusCode).toBe(422);
    expect(infected.json().error.message).toMatch(/antivirus y a trouvé Eicar-Test-Signature/);
    const huge = await upload(id, cookie, 'avis.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toMatch(/20 Mo/);
    expect((await upload(id, cookie, 'avis.docx', Buffer.from('PK\u0003\u0004 pas un avis'))).statusCode).toBe(415);
    const good = await upload(id, cookie, 'avis-2025.pdf', pdf);
    expect(good.statusCode).toBe(201);
    noticeId = good.json().id;
    const file = (await t.app.inject({ method: 'GET', url: `/api/family/aid-files/${id}`, headers: { cookie } })).json();
    expect(file.taxNotice.id).toBe(noticeId);
    const submitted = await t.app.inject({ method: 'POST', url: `/api/family/aid-files/${id}/submit`, headers: { cookie }, payload: { version: file.version } });
    expect(submitted.statusCode).toBe(200);
  });

  it('income, tax notice and identity: the campaign’s instructors see them, nobody else', async () => {
    const seen = await get(`/api/aid-files/${id}`, 'authority-admin');
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ householdIncomeCents: 4_100_000, pupilLastName: 'Bernard', applicantLabel: 'famille.bernard@example.fr', taxNotice: { id: noticeId } });
    const notice = await get(`/api/aid-files/${id}/tax-notice`, 'authority-admin');
    expect(notice.statusCode).toBe(200);
    expect(notice.rawPayload.equals(pdf)).toBe(true);
    // a technician or the partner's staff hold the action but instruct no group of this campaign: 404
    for (const who of ['technician', 'academy-staff'] as const) {
      expect((await get(`/api/aid-files/${id}`, who)).statusCode).toBe(404);
      expect((await get(`/api/aid-files/${id}/tax-notice`, who)).statusCode).toBe(404);
    }
    // the school, the auditor and steering do not hold it: 403
    for (const who of ['establishment-staff', 'auditor', 'steering'] as const) {
      expect((await get(`/api/aid-files/${id}`, who)).statusCode).toBe(403);
      expect((await get(`/api/aid-files/${id}/tax-notice`, who)).statusCode).toBe(403);
    }
    // the partner (the académie co-reviews) and the auditor read the file without the person
    for (const who of ['academy-staff', 'auditor'] as const) {
      const read = await get(`/api/dossiers/${id}`, who);
      expect(read.statusCode).toBe(200);
      expect(read.json().applicantLabel).not.toMatch(/bernard/i);
      expect(read.json().documents.map((d: { fieldKey: string }) => d.fieldKey)).not.toContain('tax-notice');
      expect(JSON.stringify(read.json())).not.toMatch(/bernard|4100000/i);
      expect((await get(`/api/dossiers/${id}/documents/${noticeId}`, who)).statusCode).toBe(404);
      const list = await get(`/api/campaigns/${campaignId}/dossiers`, who);
      expect(list.statusCode).toBe(200);
      expect(JSON.stringify(list.json())).not.toMatch(/bernard/i);
      expect((await get(`/api/campaigns/${campaignId}/dossiers?q=bernard`, who)).json().total).toBe(0);
    }
    // the instructor sees it through the core read too
    const instructor = (await get(`/api/dossiers/${id}`, 'authority-admin')).json();
    expect(instructor.applicantLabel).toBe('famille.bernard@example.fr');
    expect(instructor.documents.map((d: { fieldKey: string }) => d.fieldKey)).toContain('tax-notice');
  });

  it('the school’s delivery list shows the pupil’s name and the device, nothing else', async () => {
    const { transitionDossier } = await import('../../dossier-states.js');
    const { loadAidFile } = await import('../file-store.js');
    for (const transition of ['start-review', 'accept'] as const) {
      const file = (await loadAidFile(t.ctx.db, t.ids.a.tenantId, id))!;
      await t.ctx.db.transaction((tx) => transitionDossier(t.ctx, tx, { dossier: file.dossier, transition, version: file.dossier.version }));
    }
    const list = await get(`/api/campaigns/${campaignId}/aid-deliveries`, 'establishment-staff');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(Object.keys(list.json().items[0]).sort()).toEqual(['deliveredAt', 'device', 'id', 'number', 'pupilFirstName', 'pupilLastName', 'version']);
    expect(list.json().items[0]).toMatchObject({ pupilFirstName: 'Léa', pupilLastName: 'Bernard', device: 'Tablette 9,6"' });
    expect(JSON.stringify(list.json())).not.toMatch(/4100000|famille\.bernard|avis/);
    for (const who of ['academy-staff', 'auditor', 'technician'] as const) expect((await get(`/api/campaigns/${campaignId}/aid-deliveries`, who)).statusCode).toBe(403);
  });

  it('the family downloads all it gave as a ZIP; nobody else can', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/family/data-export', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="mes-donnees-/);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const data = JSON.parse(await zip.file('donnees.json')!.async('string'));
    expect(data.files).toHaveLength(1);
    expect(data.files[0]).toMatchObject({ pupilLastName: 'Bernard', householdIncomeCents: 4_100_000, device: 'tablette' });
    const path = data.files[0].documents[0].path as string;
    expect((await zip.file(path)!.async('nodebuffer')).equals(pdf)).toBe(true);
    expect((await get('/api/family/data-export', 'authority-admin')).statusCode).toBe(403);
  });

  it('the purge waits for the retention period, then erases the person and keeps the figures', async () => {
    const board = async () => (await get(`/api/campaigns/${campaignId}/aid-dashboard`, 'authority-admin')).json();
    const before = await board();
    expect(before.totals.acceptedFiles).toBe(1);
    // closed 31 October 2026 23:59:59 Paris, 6 months: kept until 30 April 2027 23:59:59 Paris
    now = new Date('2027-04-30T21:59:58Z');
    await t.app.jobs.runNow(retentionJobNames.purge);
    expect((await get(`/api/aid-files/${id}`, 'authority-admin')).json()).toMatchObject({ purged: false, householdIncomeCents: 4_100_000 });
    expect(await t.ctx.db.select().from(familyAidPurges).where(eq(familyAidPurges.campaignId, campaignId))).toHaveLength(0);
    now = new Date('2027-04-30T22:00:00Z');
    await t.app.jobs.runNow(retentionJobNames.purge);
    const purged = (await get(`/api/aid-files/${id}`, 'authority-admin')).json();
    expect(purged).toMatchObject({ purged: true, householdIncomeCents: null, pupilFirstName: null, pupilLastName: null, taxNotice: null, device: 'tablette', aidCents: 18_950 });
    expect(purged.applicantLabel).not.toMatch(/bernard/i);
    expect(await t.ctx.db.select().from(documentContents).where(eq(documentContents.documentId, noticeId))).toHaveLength(0);
    expect((await get(`/api/aid-files/${id}/tax-notice`, 'authority-admin')).statusCode).toBe(404);
    expect(await board()).toEqual(before);
    const [record] = await t.ctx.db.select().from(familyAidPurges).where(eq(familyAidPurges.campaignId, campaignId));
    expect(record).toMatchObject({ files: 1, documents: 1 });
    // run again: nothing left to purge, no second record
    await t.app.jobs.runNow(retentionJobNames.purge);
    expect(await t.ctx.db.select().from(familyAidPurges).where(eq(familyAidPurges.campaignId, campaignId))).toHaveLength(1);
    const zip = await JSZip.loadAsync((await t.app.inject({ method: 'GET', url: '/api/family/data-export', headers: { cookie: await signIn('famille.bernard@example.fr') } })).rawPayload);
    expect(JSON.parse(await zip.file('donnees.json')!.async('string')).files[0]).toMatchObject({ pupilLastName: null, householdIncomeCents: null, documents: [] });
  });

  it('a draft untouched for three months is warned seven days before, then deleted', async () => {
    const { campaign } = await insertFamilyAidCampaign(t, { code: 'lycee40-vague-3', closesAt: new Date('2029-06-30T21:59:59Z') });
    now = new Date('2027-05-10T08:00:00Z');
    const family = await signIn('famille.petit@example.fr');
    const draft = (await t.app.inject({ method: 'POST', url: `/api/family/campaigns/${campaign.code}/aid-files`, headers: { cookie: family } })).json();
    const alive = async () => (await t.ctx.db.select().from(dossiers).where(eq(dossiers.id, draft.id))).length === 1;
    const warnings = async () => t.ctx.db.select().from(notifications).where(and(eq(notifications.kind, 'draft-expiry'), eq(notifications.tenantId, t.ids.a.tenantId)));
    now = new Date('2027-08-02T08:00:00Z'); // 8 days before the three months
    await t.app.jobs.runNow(retentionJobNames.drafts);
    expect(await warnings()).toHaveLength(0);
    now = new Date('2027-08-03T08:00:00Z'); // 7 days before
    await t.app.jobs.runNow(retentionJobNames.drafts);
    const [warning] = await warnings();
    expect(warning).toMatchObject({ subject: `Votre brouillon n° ${draft.number} va être supprimé` });
    expect(warning.body).toMatch(/supprimé le 10\/08\/2027/);
    await t.app.jobs.runNow(retentionJobNames.drafts);
    expect(await warnings()).toHaveLength(1);
    now = new Date('2027-08-10T07:59:00Z');
    await t.app.jobs.runNow(retentionJobNames.drafts);
    expect(await alive()).toBe(true);
    now = new Date('2027-08-10T08:00:00Z');
    await t.app.jobs.runNow(retentionJobNames.drafts);
    expect(await alive()).toBe(false);
    expect(await t.ctx.db.select().from(familyAidFiles).where(eq(familyAidFiles.dossierId, draft.id))).toHaveLength(0);
  });
});
