import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type TestApp } from '../../../test/app.js';
import { multipartBody } from '../../../test/multipart.js';
import { appSystemCtx } from '../../../server/platform/http.js';
import { closeCampaigns } from '../jobs/jobs.js';
import { as, openProjectCall, pdfBytes } from '../testing.js';

/**
 * A project call through its routes: the applicant's draft, validation and conditions, documents,
 * submission, the instructors' transitions with the history, the 409s, bulk limits, who sees what,
 * and the closing job. The clock stands on 10 January 2027, inside the call.
 */

let now = new Date('2027-01-10T11:00:00Z').getTime();
let t: TestApp;
let campaignId: string;

beforeAll(async () => {
  t = await testApp({ clock: () => new Date(now) });
  campaignId = (await openProjectCall(t, 'tablettes-test')).id;
});
afterAll(() => t?.close());

const upload = async (dossierId: string, name: string, bytes: Uint8Array, fields: Record<string, string>) => {
  const body = multipartBody({ name, bytes }, fields);
  return t.app.inject({ method: 'POST', url: `/api/dossiers/${dossierId}/documents`, headers: { ...(await t.headers('establishment-staff')), 'content-type': body.contentType }, payload: body.payload });
};

const start = async () => {
  const r = await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {});
  expect(r.statusCode).toBe(201);
  return r.json();
};

const submitted = async () => {
  const d = await start();
  const doc = (await upload(d.id, 'projet.pdf', pdfBytes, { fieldKey: 'projet' })).json();
  const answers = { titre: 'Tablettes en SVT', eleves: 60, chariot: false, projet: { documentId: doc.id, filename: 'projet.pdf' } };
  const r = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers, version: d.version });
  expect(r.statusCode).toBe(200);
  return r.json();
};

describe('the applicant', () => {
  it('fills a draft: each bad answer is refused on its field, conditions ask for more, documents are checked by content and size', async () => {
    const d = await start();
    expect(d).toMatchObject({ state: 'brouillon', permissions: { edit: true, submit: true }, annotations: null, notes: null });

    const bad = await as(t, 'establishment-staff', 'PUT', `/api/dossiers/${d.id}/answers`, { answers: { uai_partenaire: '0590001A', siret: '12345678901234', eleves: 0 }, version: d.version });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['eleves', 'siret', 'uai_partenaire']);
    expect(bad.json().error.issues.find((i: { path: string }) => i.path === 'uai_partenaire').message).toMatch(/lettre de contrôle attendue/);

    const text = await upload(d.id, 'projet.pdf', Buffer.from('juste du texte'), { fieldKey: 'projet' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.message).toMatch(/refusé/);
    const big = await upload(d.id, 'gros.pdf', Buffer.concat([pdfBytes, Buffer.alloc(4096, 32)]), { fieldKey: 'projet' });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/limite de/);

    const doc = await upload(d.id, 'projet.pdf', pdfBytes, { fieldKey: 'projet' });
    expect(doc.statusCode).toBe(201);
    const answers = { titre: 'Tablettes en SVT', eleves: 60, chariot: true, projet: { documentId: doc.json().id, filename: 'projet.pdf' } };
    // the cart asks for a number of tablets: missing, the submission fails and nothing changes
    const incomplete = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers, version: d.version });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.issues).toEqual([{ path: 'nb_tablettes', message: '« Nombre de tablettes » est obligatoire.' }]);
    expect((await as(t, 'establishment-staff', 'GET', `/api/dossiers/${d.id}`)).json()).toMatchObject({ state: 'brouillon', answers: {} });

    const ok = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: { ...answers, nb_tablettes: 15 }, version: d.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'en_construction', answers: { nb_tablettes: 15 } });
    expect(ok.json().groupId).not.toBeNull();
    // the same submission again, with the version read before: 409, one submission only
    const again = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers, version: d.version });
    expect(again.statusCode).toBe(409);
  });
});

describe('instruction', () => {
  it('moves through review, correction, decision and reopening, each step in the history; wrong moves are 409 in French', async () => {
    const d = await submitted();
    const early = await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', version: d.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/est « en construction » : impossible de l'accepter/);

    const corr = await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/correction`, { reason: 'incomplete', comment: 'Joignez le devis.', version: d.version });
    expect(corr.json()).toMatchObject({ state: 'en_construction', correction: { reason: 'incomplete', comment: 'Joignez le devis.' } });
    const blocked = await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/review`, { version: corr.json().version });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toMatch(/attend une correction/);
    const resubmitted = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: { titre: 'Tablettes en SVT (devis joint)' }, version: corr.json().version });
    expect(resubmitted.json()).toMatchObject({ state: 'en_construction', correction: null });

    const review = await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/review`, { version: resubmitted.json().version });
    expect(review.json().state).toBe('en_instruction');
    // the applicant no longer edits
    expect((await as(t, 'establishment-staff', 'PUT', `/api/dossiers/${d.id}/answers`, { answers: { titre: 'x' }, version: review.json().version })).statusCode).toBe(409);

    // two instructors decide at once on the same version: one wins, the other gets 409
    const [a, b] = await Promise.all([
      as(t, 'technician', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', motivation: 'Projet solide.', version: review.json().version }),
      as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'refuse', motivation: 'Budget épuisé.', version: review.json().version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const decided = (a.statusCode === 200 ? a : b).json();
    expect(decided.letterDocumentId).toBeTruthy();
    const letter = await as(t, 'establishment-staff', 'GET', `/api/dossiers/${d.id}/documents/${decided.letterDocumentId}`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['x-content-type-options']).toBe('nosniff');
    expect(letter.headers['content-disposition']).toMatch(/^attachment/);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/reopening`, { reason: '', version: decided.version })).statusCode).toBe(400);
    const reopened = await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/reopening`, { reason: 'Pièce nouvelle reçue', version: decided.version });
    expect(reopened.json()).toMatchObject({ state: 'en_instruction', decidedAt: null });
    // the history also keeps the notifications and the decision letter sent: the moves are the rest
    const history = reopened.json().history as { kind: string; toState: string | null }[];
    const moves = history.filter((h) => h.kind !== 'notification' && h.kind !== 'letter').map((h) => h.toState);
    expect(moves).toEqual(['brouillon', 'en_construction', 'en_construction', 'en_construction', 'en_instruction', decided.state, 'en_instruction']);
    expect(history.filter((h) => h.kind === 'letter')).toHaveLength(1);
    expect(reopened.json().history.find((h: { kind: string }) => h.kind === 'reopen')).toMatchObject({ reason: 'Pièce nouvelle reçue', actorLabel: expect.any(String) });
  });
});

describe('who sees what', () => {
  it('keeps notes and annotations from the applicant, files from outsiders; the auditor reads; the expert sees only what they were asked', async () => {
    const d = await submitted();
    const note = await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/notes`, { body: 'Établissement déjà doté en 2025.' });
    expect(note.json().notes).toHaveLength(1);
    expect((await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/notes`, { body: 'x' })).statusCode).toBe(403);
    const applicantView = (await as(t, 'establishment-staff', 'GET', `/api/dossiers/${d.id}`)).json();
    expect(applicantView.notes).toBeNull();
    expect(applicantView.annotations).toBeNull();
    expect((await as(t, 'auditor', 'GET', `/api/dossiers/${d.id}`)).json().notes).toHaveLength(1);
    expect((await as(t, 'auditor', 'POST', `/api/dossiers/${d.id}/review`, { version: d.version })).statusCode).toBe(403);
    expect((await as(t, 'academy-staff', 'GET', `/api/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await as(t, 'admin-b', 'GET', `/api/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await as(t, 'contractor', 'GET', `/api/dossiers/${d.id}`)).statusCode).toBe(404);

    await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/opinion-requests`, { expertUserIds: [t.ids.users.contractor.id], question: 'Le projet tient-il ?' });
    const expertView = await as(t, 'contractor', 'GET', `/api/dossiers/${d.id}`);
    expect(expertView.statusCode).toBe(200);
    expect(expertView.json()).toMatchObject({ notes: null, access: { expert: true, applicant: false } });
    const list = await as(t, 'contractor', 'GET', `/api/campaigns/${campaignId}/dossiers`);
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([d.id]);
    const mine = expertView.json().opinions[0];
    const conflict = await as(t, 'contractor', 'PUT', `/api/dossiers/${d.id}/my-opinion`, { conflict: true, version: mine.version });
    expect(conflict.json()).toEqual({ status: 'conflict' });
    expect((await as(t, 'contractor', 'GET', `/api/dossiers/${d.id}`)).statusCode).toBe(404);

    // messages go both ways
    const asked = await as(t, 'technician', 'POST', `/api/dossiers/${d.id}/messages`, { body: 'Combien de classes ?' });
    expect(asked.statusCode).toBe(200);
    const answered = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/messages`, { body: 'Trois classes de seconde.' });
    expect(answered.json().messages.map((m: { side: string }) => m.side)).toEqual(['instructor', 'applicant']);
  });
});

describe('the list', () => {
  const total = async (query = '') => (await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/dossiers?pageSize=1${query}`)).json().total as number;

  it('pages in number order and counts again after each write that changes what a filter holds', async () => {
    const [all, building] = [await total(), await total('&state=en_construction')];
    const d = await start();
    expect(await total()).toBe(all + 1);
    expect(await total('&state=en_construction')).toBe(building);
    const doc = (await upload(d.id, 'projet.pdf', pdfBytes, { fieldKey: 'projet' })).json();
    const answers = { titre: 'Tablettes en SVT', eleves: 60, chariot: false, projet: { documentId: doc.id, filename: 'projet.pdf' } };
    const sent = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers, version: d.version });
    expect(sent.statusCode).toBe(200);
    expect(await total('&state=en_construction')).toBe(building + 1);
    expect(await total(`&groupId=${sent.json().groupId}`)).toBeGreaterThanOrEqual(1);
    const review = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/review`, { version: sent.json().version });
    expect(review.statusCode).toBe(200);
    expect(await total('&state=en_construction')).toBe(building);

    // pages of one: each file once, in number order, the list's columns only
    const pages = [];
    for (let page = 1; page <= all + 1; page++) pages.push((await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/dossiers?pageSize=1&page=${page}`)).json());
    const numbers = pages.map((p) => p.items[0].number as number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(all + 1);
    expect(pages.at(-1).items[0]).toMatchObject({ id: d.id, state: 'en_instruction', submittedAt: expect.any(String), updatedAt: expect.any(String), correction: null });
    expect(pages.at(-1).items[0]).not.toHaveProperty('answers');
    expect((await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/dossiers?pageSize=1&page=${all + 2}`)).json()).toMatchObject({ total: all + 1, items: [] });
  });
});

describe('bulk actions', () => {
  it('refuses 501 files, and acts on a filter beyond the page all or nothing', async () => {
    const ids = Array.from({ length: 501 }, () => randomUUID());
    const tooMany = await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/dossiers/bulk`, { action: 'accept', ids });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/500 dossiers au plus/);

    const a = await submitted();
    const b = await submitted();
    // accepting files still en construction fails for the whole batch: nothing moves
    const wrong = await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/dossiers/bulk`, { action: 'accept', ids: [a.id, b.id] });
    expect(wrong.statusCode).toBe(409);
    expect((await as(t, 'authority-admin', 'GET', `/api/dossiers/${a.id}`)).json().state).toBe('en_construction');

    const review = await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/dossiers/bulk`, { action: 'start-review', filter: { state: 'en_construction' } });
    expect(review.statusCode).toBe(200);
    expect(review.json().ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const page = await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/dossiers?state=en_instruction&pageSize=1`);
    expect(page.json()).toMatchObject({ total: expect.any(Number), items: [expect.anything()] });
    expect(page.json().total).toBeGreaterThan(1);
    const accepted = await as(t, 'technician', 'POST', `/api/campaigns/${campaignId}/dossiers/bulk`, { action: 'accept', filter: { state: 'en_instruction' }, motivation: 'Retenu.' });
    expect(accepted.statusCode).toBe(200);
    expect((await as(t, 'establishment-staff', 'GET', `/api/dossiers/${a.id}`)).json()).toMatchObject({ state: 'accepte', motivation: 'Retenu.' });
  });
});

describe('closing', () => {
  it('refuses files after the last day at 23:59:59 Paris time, moves files being completed on to review, and reopens with a reason', async () => {
    const late = await start();
    const pending = await submitted();
    now = new Date('2027-01-31T22:59:59Z').getTime(); // 23:59:59 in Paris: still open
    for (const user of ['establishment-staff', 'authority-admin'] as const) t.forgetSession(user); // sessions expired meanwhile
    expect((await as(t, 'establishment-staff', 'PUT', `/api/dossiers/${late.id}/answers`, { answers: { titre: 'Encore' }, version: late.version })).statusCode).toBe(200);
    now = new Date('2027-01-31T23:00:00Z').getTime(); // midnight in Paris
    const refused = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${late.id}/submission`, { version: late.version + 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/close depuis le 31\/01\/2027 à 23 h 59/);

    expect(await closeCampaigns(appSystemCtx(t.app))).toBeGreaterThanOrEqual(1);
    expect((await as(t, 'authority-admin', 'GET', `/api/dossiers/${pending.id}`)).json().state).toBe('en_instruction');
    expect(await closeCampaigns(appSystemCtx(t.app))).toBe(0);

    const campaign = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}`)).json();
    const reopened = await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/reopening`, { reason: 'Panne du site le dernier jour', closesOn: '2027-02-07', version: campaign.version });
    expect(reopened.json()).toMatchObject({ open: true, closesOn: '2027-02-07', reopenings: [{ reason: 'Panne du site le dernier jour' }] });
    expect((await as(t, 'establishment-staff', 'POST', `/api/dossiers/${late.id}/submission`, { answers: { eleves: 30, chariot: false }, version: late.version + 1 })).statusCode).toBe(400);
  });
});
