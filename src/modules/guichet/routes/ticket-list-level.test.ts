import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { call, deskTestApp, openTicket } from '../testing.js';

/** The support-level filter of GET /api/tickets (and its export), which the web list offers. */

let t: TestApp;
beforeAll(async () => {
  t = await deskTestApp();
});
afterAll(() => t?.close());

describe('GET /api/tickets?level=', () => {
  it('keeps only the tickets at that level, within the caller’s scope', async () => {
    const opened = await openTicket(t, 'technician', { category: 'devices', title: 'Écran noir au CDI' });
    expect(opened.statusCode).toBe(201);
    const { id, level, version } = opened.json();
    expect(level).toBeLessThan(2); // level 0 on site or the sector's technicians
    const escalated = await call(t, 'technician', 'POST', `/api/tickets/${id}/escalation`, { version, direction: 'up', level: 2, reason: 'Carte mère à diagnostiquer' });
    expect(escalated.statusCode).toBe(200);
    expect(escalated.json().level).toBe(2);
    await openTicket(t, 'technician', { category: 'devices', title: 'Clavier manquant' });

    const atTwo = (await call(t, 'authority-admin', 'GET', '/api/tickets?level=2&pageSize=200')).json();
    expect(atTwo.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(atTwo.items.every((i: { level: number }) => i.level === 2)).toBe(true);
    const atOne = (await call(t, 'authority-admin', 'GET', `/api/tickets?level=${level}&pageSize=200`)).json();
    expect(atOne.total).toBeGreaterThan(0);
    expect(atOne.items.every((i: { level: number }) => i.level === level)).toBe(true);
    expect(atOne.items.map((i: { id: string }) => i.id)).not.toContain(id);
    // a school's staff get only their school's tickets through the filter
    const staff = (await call(t, 'establishment-staff', 'GET', '/api/tickets?level=2')).json();
    expect(staff.items.every((i: { establishment: { uai: string } }) => i.establishment.uai === t.ids.staffSchool.uai)).toBe(true);

    const exported = await call(t, 'authority-admin', 'GET', '/api/tickets/export?level=2&format=csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('Écran noir au CDI');
    expect(exported.body).not.toContain('Clavier manquant');
  });

  it('refuses a level outside 0–3 with a structured 400', async () => {
    const response = await call(t, 'authority-admin', 'GET', '/api/tickets?level=7');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0].path).toContain('level');
  });
});
