import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/app.js';
import { insertFamilyAidCampaign } from '../testing.js';

let t: TestApp;
const now = new Date('2026-09-15T08:00:00Z');
beforeAll(async () => {
  t = await testApp({ clock: () => now });
  await insertFamilyAidCampaign(t);
  await insertFamilyAidCampaign(t, { code: 'brouillon', status: 'draft' });
});
afterAll(() => t.close());

const simulate = (body: unknown, code = 'lycee40-equipement', authority = t.ids.a.code) =>
  t.app.inject({ method: 'POST', url: `/api/authorities/${authority}/campaigns/${code}/aid-simulation`, payload: body as object });

describe('POST /api/authorities/{authority}/campaigns/{code}/aid-simulation', () => {
  it('answers a family without an account: aid, what is left, insurance and a schedule that adds up', async () => {
    const res = await simulate({ device: 'cao', householdIncomeCents: 7_199_999, instalments: 36, insurance: true });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ priceCents: 89_900, aidCents: 22_500, familyCents: 67_400, insuranceCents: 5_600 });
    expect(body.schedule).toHaveLength(36);
    expect(body.schedule[0]).toEqual({ dueDate: '2026-10-15', amountCents: 2028 });
    expect(body.schedule[35].dueDate).toBe('2029-09-15');
    expect(body.schedule.reduce((a: number, s: { amountCents: number }) => a + s.amountCents, 0)).toBe(67_400 + 5_600);
  });

  it('gives no aid at 72,000.00 EUR and pays cash in one instalment', async () => {
    const body = (await simulate({ device: 'tablette', householdIncomeCents: 7_200_000, instalments: 1, insurance: false })).json();
    expect(body).toEqual({ priceCents: 37_900, aidCents: 0, familyCents: 37_900, insuranceCents: 0, schedule: [{ dueDate: '2026-10-15', amountCents: 37_900 }] });
  });

  it.each([
    [{ device: 'portable', householdIncomeCents: 100, instalments: 0, insurance: false }, /entre 1 et 36/],
    [{ device: 'portable', householdIncomeCents: 100, instalments: 37, insurance: false }, /entre 1 et 36/],
    [{ device: 'portable', householdIncomeCents: -1, instalments: 3, insurance: false }, /négatif/],
    [{ device: 'console', householdIncomeCents: 100, instalments: 3, insurance: false }, /« console » n’est pas proposé.*tablette, portable, cao/],
  ])('refuses %j with a French message', async (body, message) => {
    const res = await simulate(body);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toMatch(message);
  });

  it('knows no draft campaign, no campaign of another kind of code and no unknown authority', async () => {
    const body = { device: 'portable', householdIncomeCents: 100, instalments: 3, insurance: false };
    expect((await simulate(body, 'brouillon')).statusCode).toBe(404);
    expect((await simulate(body, 'nope')).statusCode).toBe(404);
    expect((await simulate(body, 'lycee40-equipement', 'nowhere')).statusCode).toBe(404);
    expect((await simulate(body, 'lycee40-equipement', t.ids.b.code)).statusCode).toBe(404);
  });
});

describe('GET /api/authorities/{authority}/family-aid-campaigns', () => {
  it('lists the campaigns open now with their devices and prices, not the drafts, without an account', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/authorities/${t.ids.a.code}/family-aid-campaigns` });
    expect(res.statusCode).toBe(200);
    const campaigns = res.json() as { code: string; devices: { code: string; priceCents: number }[] }[];
    expect(campaigns.map((c) => c.code)).toEqual(['lycee40-equipement']);
    expect(campaigns[0].devices.map((d) => [d.code, d.priceCents])).toEqual([
      ['tablette', 37_900],
      ['portable', 44_900],
      ['cao', 89_900],
    ]);
  });

  it('shows another authority only its own campaigns, and names an unknown authority in a 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/authorities/${t.ids.b.code}/family-aid-campaigns` })).json()).toEqual([]);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/authorities/nulle-part/family-aid-campaigns' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('« nulle-part »');
  });
});
