import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/app.js';
import { appSystemCtx } from '../../../../server/platform/http.js';
import { webhookDeliveries } from '../../db/schema.js';
import { backoffMs, deliverWebhooks, maxWebhookAttempts, webhookSignatureHeader } from '../../jobs/jobs.js';
import { openKindCall, renewalFile } from '../../renewal/testing.js';
import { as, openProjectCall } from '../../testing.js';

/**
 * The partners' webhooks through their routes and the delivery job: declared by the campaign's
 * managers (secret shown once), called on each state change with an HMAC signature, retried
 * with backoff on the fake clock, given up after ten attempts, every attempt in the delivery log.
 */

let now = new Date('2027-01-10T11:00:00Z').getTime();
let t: TestApp;
let campaignId: string;
let hook: { id: string; secret: string };

interface Sent {
  url: string;
  body: string;
  headers: Record<string, string>;
}
/** A partner's endpoint that answers `status` and keeps what it received. */
function partner(status: number, sent: Sent[]): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), body: String(init?.body), headers: init?.headers as Record<string, string> });
    return new Response(null, { status });
  }) as typeof fetch;
}
const log = async (query = '') => {
  const r = await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/webhook-deliveries${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

beforeAll(async () => {
  t = await testApp({ clock: () => new Date(now) });
  campaignId = (await openKindCall(t, 'renewal', 'webhooks-test')).id;
});
afterAll(() => t?.close());

describe('declaring a webhook', () => {
  it('is for the campaign’s managers, over https, its secret shown once', async () => {
    const created = await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/webhooks`, { url: 'https://partenaire.example/coherence' });
    expect(created.statusCode, created.body).toBe(201);
    hook = created.json();
    expect(hook.secret).toMatch(/^[\w-]{40,}$/);
    const listed = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/webhooks`)).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: hook.id, url: 'https://partenaire.example/coherence', active: true, deliveries: { pending: 0, delivered: 0, failed: 0 } })]);
    expect(JSON.stringify(listed)).not.toContain(hook.secret);

    const plain = await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/webhooks`, { url: 'http://partenaire.example/coherence' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.issues[0].message).toMatch(/https:\/\/ obligatoire/);
    for (const user of ['technician', 'establishment-staff', 'academy-staff', 'auditor'] as const) {
      expect((await as(t, user, 'POST', `/api/campaigns/${campaignId}/webhooks`, { url: 'https://ailleurs.example/' })).statusCode, user).toBe(403);
      expect((await as(t, user, 'GET', `/api/campaigns/${campaignId}/webhook-deliveries`)).statusCode, user).toBe(403);
    }
    expect((await as(t, 'admin-b', 'GET', `/api/campaigns/${campaignId}/webhooks`)).statusCode).toBe(404);
    expect((await as(t, 'admin-b', 'PUT', `/api/webhooks/${hook.id}/active`, { active: false })).statusCode).toBe(404);
  });
});

describe('calling it', () => {
  it('signs each state change, retries with backoff on the clock, and logs every attempt', async () => {
    const file = await renewalFile(t, campaignId, [{ assetClass: 'desktop', requested: 2 }]);
    // submitted, then moved to review: two calls queued
    const queued = await log();
    expect(queued.total).toBe(2);
    expect(queued.items.map((d: { payload: { dossier: { to: string } } }) => d.payload.dossier.to).sort()).toEqual(['en_construction', 'en_instruction']);
    expect(queued.items[0]).toMatchObject({ status: 'pending', attempts: 0, dossier: { id: file.id, number: expect.any(Number) } });

    const refused: Sent[] = [];
    expect(await deliverWebhooks(appSystemCtx(t.app), partner(503, refused))).toBe(0);
    expect(refused).toHaveLength(2);
    for (const sent of refused) {
      expect(sent.url).toBe('https://partenaire.example/coherence');
      expect(sent.headers[webhookSignatureHeader]).toBe(`sha256=${createHmac('sha256', hook.secret).update(sent.body).digest('hex')}`);
      expect(JSON.parse(sent.body)).toMatchObject({ event: 'dossier.state_changed', dossier: { id: file.id, campaignId } });
    }
    const retried = (await log()).items[0];
    expect(retried).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'Réponse HTTP 503', nextAttemptAt: new Date(now + 60_000).toISOString() });

    // not before the backoff: nothing is sent
    const early: Sent[] = [];
    expect(await deliverWebhooks(appSystemCtx(t.app), partner(200, early))).toBe(0);
    expect(early).toHaveLength(0);
    now += 61_000;
    const later: Sent[] = [];
    expect(await deliverWebhooks(appSystemCtx(t.app), partner(204, later))).toBe(2);
    expect((await log('?status=delivered')).items).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 2, lastStatusCode: 204, lastError: null, nextAttemptAt: null, deliveredAt: new Date(now).toISOString() }),
      expect.objectContaining({ status: 'delivered', attempts: 2 }),
    ]);
    expect((await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/webhooks`)).json().items[0].deliveries).toEqual({ pending: 0, delivered: 2, failed: 0 });
  });

  it('gives up after ten attempts, 1, 2, 4… minutes apart up to a day', async () => {
    expect([1, 2, 3, 11, 12].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 1024 * 60_000, 24 * 3600_000]);
    const file = await renewalFile(t, campaignId, [{ assetClass: 'desktop', requested: 1 }], 'en_construction');
    const [delivery] = (await log('?status=pending')).items as { id: string }[];
    await t.ctx.db.update(webhookDeliveries).set({ attempts: maxWebhookAttempts - 1 }).where(and(eq(webhookDeliveries.tenantId, t.ids.a.tenantId), eq(webhookDeliveries.id, delivery!.id)));
    expect(await deliverWebhooks(appSystemCtx(t.app), partner(500, []))).toBe(0);
    expect((await log('?status=failed')).items).toEqual([expect.objectContaining({ id: delivery!.id, dossier: expect.objectContaining({ id: file.id }), attempts: maxWebhookAttempts, nextAttemptAt: null })]);
    expect((await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/webhook-deliveries?status=perdu`)).statusCode).toBe(400);
  });

  it('queues nothing while paused', async () => {
    const paused = await as(t, 'authority-admin', 'PUT', `/api/webhooks/${hook.id}/active`, { active: false });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toEqual({ id: hook.id, active: false });
    expect((await as(t, 'technician', 'PUT', `/api/webhooks/${hook.id}/active`, { active: true })).statusCode).toBe(403);
    const before = (await log()).total;
    await renewalFile(t, campaignId, [{ assetClass: 'desktop', requested: 1 }], 'en_construction');
    expect((await log()).total).toBe(before);
  });
});

// the same app serves the other instruction tool added beside the webhooks: finding whom to ask an opinion of
describe('finding an expert', () => {
  it('lists the authority’s people by name for the call’s instructors, and the one asked sees the file until a conflict', async () => {
    const found = await as(t, 'technician', 'GET', `/api/campaigns/${campaignId}/expert-candidates?search=essai`);
    expect(found.statusCode, found.body).toBe(200);
    const names = (found.json().items as { displayName: string }[]).map((u) => u.displayName);
    expect(names).toContain('Essai academy-staff');
    // B's administrator holds no role in A: not offered
    expect(names).not.toContain('Essai admin-b');
    const short = await as(t, 'technician', 'GET', `/api/campaigns/${campaignId}/expert-candidates?search=e`);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.issues[0].message).toMatch(/au moins 2 lettres/);
    for (const user of ['establishment-staff', 'academy-staff', 'steering'] as const) expect((await as(t, user, 'GET', `/api/campaigns/${campaignId}/expert-candidates?search=essai`)).statusCode, user).toBe(403);

    const file = await renewalFile(t, campaignId, [{ assetClass: 'desktop', requested: 1 }]);
    expect((await as(t, 'academy-staff', 'GET', `/api/dossiers/${file.id}`)).statusCode).toBe(404);
    const asked = await as(t, 'technician', 'POST', `/api/dossiers/${file.id}/opinion-requests`, { expertUserIds: [t.ids.users['academy-staff'].id], question: 'Le besoin est-il réel ?' });
    expect(asked.statusCode, asked.body).toBe(200);
    const seen = await as(t, 'academy-staff', 'GET', `/api/dossiers/${file.id}`);
    expect(seen.statusCode).toBe(200);
    const mine = seen.json().opinions.find((o: { expertUserId: string }) => o.expertUserId === t.ids.users['academy-staff'].id);
    expect((await as(t, 'academy-staff', 'PUT', `/api/dossiers/${file.id}/my-opinion`, { conflict: true, version: mine.version })).statusCode).toBe(200);
    expect((await as(t, 'academy-staff', 'GET', `/api/dossiers/${file.id}`)).statusCode).toBe(404);
  });
});

describe('a campaign read whole', () => {
  it('names its co-reviewing partners, so that its edit form sends them back and publishing keeps them', async () => {
    const call = await openProjectCall(t, 'partenaires-gardes', { partnerIds: [t.ids.academy.tenantId] });
    const read = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${call.id}`)).json();
    expect(read.partnerIds).toEqual([t.ids.academy.tenantId]);
    const { title, description, opensOn, closesOn, budgetCents, retentionMonths, eligibility, grid, partnerIds, version } = read;
    const saved = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${call.id}`, { title, description, opensOn, closesOn, budgetCents, retentionMonths: 24, eligibility, grid, partnerIds, status: 'published', version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ retentionMonths: 24, partnerIds: [t.ids.academy.tenantId] });
    // the académie still co-reviews: it reads the call's files
    expect((await as(t, 'academy-staff', 'GET', `/api/campaigns/${call.id}/dossiers`)).statusCode).toBe(200);
  });
});
