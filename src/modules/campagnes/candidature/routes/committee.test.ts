import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/app.js';
import { documents, dossierEvents, dossiers } from '../../db/schema.js';
import { as } from '../../testing.js';
import { seedLycee40Vague2 } from '../demo/seed-lycee40-vague2.js';

/**
 * The candidature call end to end on the demo's « vague 2 » seeded in tenant A (Lille and Amiens
 * lycées, the académie de Lille co-reviewing): ranking, balance, export, committee, letters.
 */
let t: TestApp;
let seeded: { campaignId: string; sessionId: string; fileIds: string[] };

beforeAll(async () => {
  t = await testApp();
  const result = await seedLycee40Vague2(
    { ctx: t.ctx, database: t.database, password: 'x', tenants: new Map([['grand-est', t.ids.a.tenantId], ['ac-lille', t.ids.academy.tenantId]]), shared: new Map() },
    { academyCodes: ['09', '20'], perAcademy: 3, partnerCodes: ['ac-lille'], expertEmails: [t.ids.users['authority-admin'].email, t.ids.users['academy-staff'].email] },
  );
  seeded = result!;
});
afterAll(() => t.close());

const fileVersion = async (id: string) => (await t.ctx.db.select({ v: dossiers.version }).from(dossiers).where(eq(dossiers.id, id)))[0]!.v;

describe('the ranking', () => {
  it('orders the files by score with their school from the référentiel, page by page', async () => {
    const first = await as(t, 'academy-staff', 'GET', `/api/campaigns/${seeded.campaignId}/ranking?pageSize=4`);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.total).toBe(6);
    expect(body.items).toHaveLength(4);
    const second = (await as(t, 'academy-staff', 'GET', `/api/campaigns/${seeded.campaignId}/ranking?pageSize=4&page=2`)).json();
    const scores = [...body.items, ...second.items].map((f: { score: number }) => f.score);
    expect(scores.every((s) => typeof s === 'number')).toBe(true);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(second.items[0].rank).toBe(5);
    expect(body.items[0]).toMatchObject({ sector: expect.any(String), teaching: expect.any(String), academy: expect.any(String) });
  });

  it('gives the balance of a selection by sector, académie, territory and teaching', async () => {
    const items = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${seeded.campaignId}/ranking?pageSize=6`)).json().items;
    const picked = items.slice(0, 3);
    const res = await as(t, 'authority-admin', 'GET', `/api/campaigns/${seeded.campaignId}/ranking/balance?ids=${picked.map((f: { id: string }) => f.id).join(',')}`);
    expect(res.statusCode).toBe(200);
    const balance = res.json();
    expect(balance.count).toBe(3);
    for (const key of ['sector', 'academy', 'territory', 'teaching']) expect(balance[key].reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(3);
    const academies = picked.reduce((m: Record<string, number>, f: { academy: string }) => ({ ...m, [f.academy]: (m[f.academy] ?? 0) + 1 }), {});
    expect(Object.fromEntries(balance.academy.map((x: { label: string; count: number }) => [x.label, x.count]))).toEqual(academies);
    const unknown = await as(t, 'authority-admin', 'GET', `/api/campaigns/${seeded.campaignId}/ranking/balance?ids=00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/inconnu/);
  });

  it('exports the ranking as CSV with BOM and ; and as XLSX', async () => {
    const csv = await as(t, 'auditor', 'GET', `/api/campaigns/${seeded.campaignId}/ranking/export`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFFRang;Dossier;')).toBe(true);
    expect(csv.body.trim().split('\r\n')).toHaveLength(7);
    const xlsx = await as(t, 'auditor', 'GET', `/api/campaigns/${seeded.campaignId}/ranking/export?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('is closed to schools and contractors, and recomputes scores for its instructors', async () => {
    expect((await as(t, 'establishment-staff', 'GET', `/api/campaigns/${seeded.campaignId}/ranking`)).statusCode).toBe(403);
    expect((await as(t, 'contractor', 'GET', `/api/campaigns/${seeded.campaignId}/ranking`)).statusCode).toBe(403);
    expect((await as(t, 'auditor', 'POST', `/api/campaigns/${seeded.campaignId}/ranking/rescoring`)).statusCode).toBe(403);
    const before = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${seeded.campaignId}/ranking?pageSize=6`)).json().items.map((f: { score: number }) => f.score);
    const res = await as(t, 'authority-admin', 'POST', `/api/campaigns/${seeded.campaignId}/ranking/rescoring`);
    expect(res.json()).toEqual({ files: 6, scored: 6 });
    const after = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${seeded.campaignId}/ranking?pageSize=6`)).json().items.map((f: { score: number }) => f.score);
    expect(after).toEqual(before);
  });
});

describe('the committee', () => {
  it('keeps the held session read-only: decisions, minutes and closing are 409, the minutes PDF downloads', async () => {
    const session = (await as(t, 'auditor', 'GET', `/api/committee-sessions/${seeded.sessionId}`)).json();
    expect(session.status).toBe('closed');
    expect(session.decisions).toHaveLength(6);
    expect(session.decisions.filter((d: { decision: string }) => d.decision === 'accepte')).toHaveLength(3);
    const decide = await as(t, 'authority-admin', 'POST', `/api/committee-sessions/${seeded.sessionId}/decisions`, { dossierId: seeded.fileIds[0], decision: 'refuse', version: 2 });
    expect(decide.statusCode).toBe(409);
    expect(decide.json().error.message).toMatch(/close/);
    expect((await as(t, 'academy-staff', 'PUT', `/api/committee-sessions/${seeded.sessionId}/minutes`, { minutes: 'Autre', version: session.version })).statusCode).toBe(409);
    expect((await as(t, 'authority-admin', 'POST', `/api/committee-sessions/${seeded.sessionId}/closing`, { version: session.version })).statusCode).toBe(409);
    const pdf = await as(t, 'academy-staff', 'GET', `/api/committee-sessions/${seeded.sessionId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toMatch(/^attachment/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('holds a new session where the académie records the joint decision, then closes it', async () => {
    const sessions = (await as(t, 'academy-staff', 'GET', `/api/campaigns/${seeded.campaignId}/committee-sessions`)).json();
    expect(sessions.organizations.map((o: { id: string }) => o.id).sort()).toEqual([t.ids.a.tenantId, t.ids.academy.tenantId].sort());
    const outsider = await as(t, 'authority-admin', 'POST', `/api/campaigns/${seeded.campaignId}/committee-sessions`, { title: 'Séance', heldOn: '2027-03-01', participants: [{ organizationId: t.ids.contractorOrg.tenantId, name: 'X' }] });
    expect(outsider.statusCode).toBe(400);
    const created = await as(t, 'authority-admin', 'POST', `/api/campaigns/${seeded.campaignId}/committee-sessions`, {
      title: 'Séance de repêchage',
      heldOn: '2027-03-01',
      participants: [
        { organizationId: t.ids.a.tenantId, name: 'Vice-présidente' },
        { organizationId: t.ids.academy.tenantId, name: 'DRANE' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const session = created.json();
    // a refused file reopened for the new session
    const refused = (await as(t, 'auditor', 'GET', `/api/committee-sessions/${seeded.sessionId}`)).json().decisions.find((d: { decision: string }) => d.decision === 'refuse');
    const reopened = await as(t, 'authority-admin', 'POST', `/api/dossiers/${refused.dossierId}/reopening`, { reason: 'Repêchage', version: await fileVersion(refused.dossierId) });
    expect(reopened.statusCode).toBe(200);
    expect((await as(t, 'establishment-staff', 'POST', `/api/committee-sessions/${session.id}/decisions`, { dossierId: refused.dossierId, decision: 'accepte', version: reopened.json().version })).statusCode).toBe(403);
    expect((await as(t, 'auditor', 'POST', `/api/committee-sessions/${session.id}/decisions`, { dossierId: refused.dossierId, decision: 'accepte', version: reopened.json().version })).statusCode).toBe(403);
    const decided = await as(t, 'academy-staff', 'POST', `/api/committee-sessions/${session.id}/decisions`, { dossierId: refused.dossierId, decision: 'accepte', motivation: 'Projet revu', version: reopened.json().version });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().state).toBe('accepte');
    const twice = await as(t, 'authority-admin', 'POST', `/api/committee-sessions/${session.id}/decisions`, { dossierId: refused.dossierId, decision: 'refuse', version: decided.json().version });
    expect(twice.statusCode).toBe(409);
    expect((await as(t, 'authority-admin', 'POST', `/api/committee-sessions/${session.id}/closing`, { version: session.version })).statusCode).toBe(400);
    const minutes = await as(t, 'academy-staff', 'PUT', `/api/committee-sessions/${session.id}/minutes`, { minutes: 'Le comité retient le dossier après révision.', version: session.version });
    expect(minutes.statusCode).toBe(200);
    expect((await as(t, 'authority-admin', 'PUT', `/api/committee-sessions/${session.id}/minutes`, { minutes: 'Concurrent', version: session.version })).statusCode).toBe(409);
    const closed = await as(t, 'authority-admin', 'POST', `/api/committee-sessions/${session.id}/closing`, { version: minutes.json().version });
    expect(closed.json().status).toBe('closed');
    const detail = (await as(t, 'auditor', 'GET', `/api/committee-sessions/${session.id}`)).json();
    expect(detail.decisions).toEqual([expect.objectContaining({ dossierId: refused.dossierId, decision: 'accepte', decidedByLabel: expect.any(String) })]);
  });
});

describe('decision letters', () => {
  it('keeps the letter of each committee decision in the file, downloadable as an attachment', async () => {
    const id = seeded.fileIds[1]!;
    const [row] = await t.ctx.db.select().from(dossiers).where(eq(dossiers.id, id));
    const letters = await t.ctx.db.select().from(documents).where(and(eq(documents.dossierId, id), eq(documents.purpose, 'letter')));
    expect(letters.length).toBeGreaterThanOrEqual(1);
    expect(row!.letterDocumentId).toBe(letters.at(-1)!.id);
    const events = await t.ctx.db.select().from(dossierEvents).where(and(eq(dossierEvents.dossierId, id), eq(dossierEvents.kind, 'letter')));
    expect(events).toHaveLength(1);
    const download = await as(t, 'establishment-staff', 'GET', `/api/dossiers/${id}/documents/${row!.letterDocumentId}`);
    // the staff user's school may not be among the seeded ones: then the file does not exist for them
    const res = download.statusCode === 404 ? await as(t, 'authority-admin', 'GET', `/api/dossiers/${id}/documents/${row!.letterDocumentId}`) : download;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('merges the campaign template, refuses an unknown field in French, and previews and edits per file', async () => {
    const templates = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${seeded.campaignId}/letter-templates`)).json();
    expect(templates.items.map((x: { decision: string }) => x.decision)).toEqual(['accepte', 'refuse', 'classe_sans_suite']);
    expect(templates.mergeFields).toEqual(expect.arrayContaining(['etablissement', 'numero', 'decision', 'motif', 'date']));
    const refuse = templates.items.find((x: { decision: string }) => x.decision === 'refuse');
    const bad = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${seeded.campaignId}/letter-templates/refuse`, { body: 'Bonjour {{etablisement}}, {{decision}}.', version: refuse.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Champ de fusion inconnu : \{\{etablisement\}\}/);
    expect((await as(t, 'academy-staff', 'PUT', `/api/campaigns/${seeded.campaignId}/letter-templates/refuse`, { body: 'Dossier {{numero}} : {{decision}}.', version: refuse.version })).statusCode).toBe(403);
    const saved = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${seeded.campaignId}/letter-templates/refuse`, { body: 'Dossier {{numero}} de {{etablissement}} : {{decision}}. Motif : {{motif}}. Le {{date}}.', version: refuse.version });
    expect(saved.statusCode).toBe(200);
    expect((await as(t, 'authority-admin', 'PUT', `/api/campaigns/${seeded.campaignId}/letter-templates/refuse`, { body: 'Dossier {{numero}} : {{decision}}.', version: refuse.version })).statusCode).toBe(409);

    // a file back in review: preview, edit, decide, and the PDF keeps the edited text
    const id = seeded.fileIds[2]!;
    const reopened = (await as(t, 'authority-admin', 'POST', `/api/dossiers/${id}/reopening`, { reason: 'Nouvel examen', version: await fileVersion(id) })).json();
    const [file] = await t.ctx.db.select().from(dossiers).where(eq(dossiers.id, id));
    const preview = (await as(t, 'authority-admin', 'GET', `/api/dossiers/${id}/letter-preview?decision=refuse`)).json();
    expect(preview.text).toContain(`Dossier ${file!.number} de ${file!.applicantLabel} : refusée.`);
    expect((await as(t, 'establishment-staff', 'GET', `/api/dossiers/${id}/letter-preview?decision=refuse`)).statusCode).toBeGreaterThanOrEqual(403);
    const typo = await as(t, 'authority-admin', 'PUT', `/api/dossiers/${id}/letter`, { text: 'Cher {{proviseur}}', version: reopened.version });
    expect(typo.statusCode).toBe(400);
    const edited = await as(t, 'authority-admin', 'PUT', `/api/dossiers/${id}/letter`, { text: 'Lettre propre au dossier {{numero}} : {{decision}}, {{motif}}.', version: reopened.version });
    expect(edited.statusCode).toBe(200);
    const editedPreview = (await as(t, 'authority-admin', 'GET', `/api/dossiers/${id}/letter-preview?decision=refuse`)).json();
    expect(editedPreview.edited).toBe(true);
    expect(editedPreview.text.startsWith(`Lettre propre au dossier ${file!.number} : refusée, `)).toBe(true);
    const decided = await as(t, 'authority-admin', 'POST', `/api/dossiers/${id}/decision`, { decision: 'refuse', motivation: 'Budget épuisé', version: edited.json().version });
    expect(decided.statusCode).toBe(200);
    const detail = (await as(t, 'authority-admin', 'GET', `/api/dossiers/${id}`)).json();
    expect(detail.letterText).toBe(`Lettre propre au dossier ${file!.number} : refusée, Budget épuisé.`);
    expect(detail.documents.filter((d: { purpose: string }) => d.purpose === 'letter')).toHaveLength(2);
    expect(detail.history.some((h: { kind: string }) => h.kind === 'letter')).toBe(true);
    expect((await as(t, 'authority-admin', 'PUT', `/api/dossiers/${id}/letter`, { text: 'Trop tard {{numero}}', version: decided.json().version })).statusCode).toBe(409);
  });
});

describe('the weighted grid', () => {
  it('is saved through the campaign update: a weight of 0, an unknown source or value, a key twice are refused on their field, a valid grid is stored and read back', async () => {
    const url = `/api/campaigns/${seeded.campaignId}`;
    const c = (await as(t, 'authority-admin', 'GET', url)).json();
    // what the grid editor (web CampaignGrid) sends: the campaign as read, with the new grid
    const body = (grid: unknown[]) => ({ title: c.title, description: c.description, opensOn: c.opensOn, closesOn: c.closesOn, budgetCents: c.budgetCents, retentionMonths: c.retentionMonths, eligibility: c.eligibility, partnerIds: c.partnerIds, status: c.status, version: c.version, grid });
    const projet = { key: 'projet', label: 'Qualité du projet', weight: 60, source: 'reviewer', max: 20 };
    const territoire = { key: 'territoire', label: 'Territoire', weight: 40, source: 'territory', max: 10, points: { 'REP+': 10, REP: 8, rural: 6, urbain: 2 } };

    const zero = await as(t, 'authority-admin', 'PUT', url, body([{ ...projet, weight: 0 }, territoire]));
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.issues).toEqual([{ path: 'body.grid.0.weight', message: 'Le poids doit être positif.' }]);
    const negative = await as(t, 'authority-admin', 'PUT', url, body([projet, { ...territoire, weight: -5 }]));
    expect(negative.json().error.issues).toEqual([{ path: 'body.grid.1.weight', message: 'Le poids doit être positif.' }]);
    const source = await as(t, 'authority-admin', 'PUT', url, body([projet, { ...territoire, source: 'budget' }]));
    expect(source.statusCode).toBe(400);
    expect(source.json().error.issues).toEqual([{ path: 'body.grid.1.source', message: 'Source inconnue : experts, public ou privé, territoire ou type d’enseignement.' }]);
    const value = await as(t, 'authority-admin', 'PUT', url, body([projet, { ...territoire, points: { REP: 8, montagne: 5 } }]));
    expect(value.statusCode).toBe(400);
    expect(value.json().error.issues).toEqual([{ path: 'body.grid.1.points.montagne', message: 'Valeur inconnue pour ce critère : montagne (attendues : REP+, REP, rural, urbain).' }]);
    const twice = await as(t, 'authority-admin', 'PUT', url, body([projet, { ...territoire, key: 'projet' }]));
    expect(twice.json().error.issues).toEqual([{ path: 'body.grid.1.key', message: 'La clé « projet » est déjà celle d’un autre critère.' }]);
    expect((await as(t, 'authority-admin', 'GET', url)).json()).toMatchObject({ version: c.version, grid: c.grid });

    expect((await as(t, 'academy-staff', 'PUT', url, body([projet, territoire]))).statusCode).toBe(403);
    const saved = await as(t, 'authority-admin', 'PUT', url, body([projet, territoire]));
    expect(saved.statusCode).toBe(200);
    const read = (await as(t, 'authority-admin', 'GET', url)).json();
    expect(read.version).toBe(c.version + 1);
    expect(read.grid).toEqual([projet, territoire]);
    expect((await as(t, 'authority-admin', 'PUT', url, body([projet]))).statusCode).toBe(409);
  });
});
