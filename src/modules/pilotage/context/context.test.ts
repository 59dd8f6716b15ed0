import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { establishmentContext } from '../db/schema.js';
import { equityWeight } from '../ppi/propose.js';
import { lyceeFacts } from './lycee-open-data.js';
import { communeKey } from './refresh-context.js';

describe('the lycées open data read for equity', () => {
  it('keeps each track’s IPS apart: a vocational-only lycée has an unknown general IPS, never 0', () => {
    const facts = lyceeFacts([
      { uai: 'A', type: 'GT', ips: 96.8, presents: 207 },
      { uai: 'A', type: 'Pro', ips: 88.1, presents: 30 },
      { uai: 'B', type: 'Pro', ips: 82.4, presents: 60 },
      { uai: 'C', type: 'GT', ips: null, presents: null },
    ]);
    expect(facts.get('A')).toEqual({ ipsGeneral: 96.8, ipsVocational: 88.1, pupilsEstimate: 711 });
    expect(facts.get('B')).toEqual({ ipsGeneral: null, ipsVocational: 82.4, pupilsEstimate: 180 });
    expect(facts.get('C')).toEqual({ ipsGeneral: null, ipsVocational: null, pupilsEstimate: null });
  });

  it('weighs a school without a general IPS as neutral, not as the poorest, in the PPI priorities', () => {
    const base = { priorityEducation: null, rural: null };
    expect(equityWeight({ ...base, ipsGeneral: null })).toBe(1);
    expect(equityWeight({ ...base, ipsGeneral: 0 })).toBe(1.5);
    expect(equityWeight({ ...base, ipsGeneral: 85 })).toBeCloseTo(1.25);
    expect(equityWeight({ priorityEducation: 'REP+', rural: true, ipsGeneral: null })).toBeCloseTo(1.4);
  });

  it('compares commune names as the open data spells them', () => {
    expect(communeKey('Avesnes-sur-Helpe')).toBe(communeKey('Avesnes Sur Helpe'));
    expect(communeKey('Saint-Amand-les-Eaux')).toBe('saint amand les eaux');
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('refreshing the schools’ context', () => {
  it('fills IPS, pupil estimates and rurality from the shipped open data; the assessment says the estimate', async () => {
    const school = t.ids.staffSchool; // 0590018Z, Avesnes-sur-Helpe: a GT line (IPS 96.8, 207 candidates) and a Pro line (30)
    const reply = await t.app.inject({ method: 'POST', url: '/api/pilotage/establishment-context/refresh', headers: await t.headers('steering'), payload: { ruralCommunes: ['Avesnes-sur-Helpe'] } });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ schools: 6, rural: 1, vocationalOnly: 0 });
    const [row] = await t.ctx.db.select().from(establishmentContext).where(and(eq(establishmentContext.tenantId, t.ids.a.tenantId), eq(establishmentContext.establishmentId, school.id)));
    expect(row).toMatchObject({ ipsGeneral: 96.8, rural: true, pupilsEstimate: 711 });
    const assessment = (await t.app.inject({ method: 'GET', url: `/api/establishments/${school.uai}/assessment`, headers: await t.headers('steering') })).json();
    expect(assessment.establishment).toMatchObject({ ips: 96.8, rural: true, pupils: 711, pupilsEstimated: true });
    // a second refresh without a list keeps rurality, and another tenant's schools are untouched
    expect((await t.app.inject({ method: 'POST', url: '/api/pilotage/establishment-context/refresh', headers: await t.headers('steering'), payload: {} })).json().rural).toBeNull();
    const [again] = await t.ctx.db.select().from(establishmentContext).where(and(eq(establishmentContext.tenantId, t.ids.a.tenantId), eq(establishmentContext.establishmentId, school.id)));
    expect(again).toMatchObject({ rural: true, version: 2 });
    expect(await t.ctx.db.select().from(establishmentContext).where(eq(establishmentContext.tenantId, t.ids.b.tenantId))).toEqual([]);
  });

  it('refuses those who do not manage the targets, and bad input in French', async () => {
    for (const user of ['technician', 'auditor', 'establishment-staff'] as const) {
      expect((await t.app.inject({ method: 'POST', url: '/api/pilotage/establishment-context/refresh', headers: await t.headers(user), payload: {} })).statusCode).toBe(403);
    }
    const bad = await t.app.inject({ method: 'POST', url: '/api/pilotage/establishment-context/refresh', headers: await t.headers('steering'), payload: { ruralCommunes: 'Fruges' } });
    expect(bad.statusCode).toBe(400);
  });
});
