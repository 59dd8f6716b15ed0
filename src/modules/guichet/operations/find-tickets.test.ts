import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { call, deskTestApp, openTicket } from '../testing.js';

/**
 * The list's page and total come from one statement (prepared on a PostgreSQL server): pages
 * must tile the whole sorted list exactly, in every order, with the total beside each page.
 */

let now = new Date('2026-03-06T09:00:00Z').getTime(); // Friday 10:00 in Paris
const clock = () => new Date(now);
let t: TestApp;

interface Item {
  id: string;
  number: number;
  priority: number;
  status: string;
  openedAt: string;
  updatedAt: string;
  establishment: { uai: string; name: string };
  sla: { dueToResolve: string | null; dueToOwn: string | null };
}

const list = async (query: string) => {
  const response = await call(t, 'authority-admin', 'GET', `/api/tickets?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Item[]; total: number };
};

beforeAll(async () => {
  t = await deskTestApp({ clock });
  // eight tickets a quarter of an hour apart, various priorities; two solved (no deadline left)
  for (let i = 0; i < 8; i++) {
    now += 15 * 60_000;
    const created = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices', urgency: 1 + (i % 5), impact: 1 + ((i * 3) % 5), title: `Ticket de liste ${i}` })).json();
    if (i % 4 === 1) {
      const solved = await call(t, 'authority-admin', 'POST', `/api/tickets/${created.id}/status`, { action: 'solve', version: created.version, solution: 'Réglé sur place.' });
      expect(solved.statusCode).toBe(200);
    }
  }
});
afterAll(() => t?.close());

describe('GET /api/tickets pages', () => {
  for (const sort of ['openedAt', 'priority', 'dueToResolve', 'dueToOwn', 'number', 'updatedAt'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`tiles the list sorted by ${sort} ${order}, with the total on every page`, async () => {
        const all = await list(`sort=${sort}&order=${order}&pageSize=200`);
        expect(all.total).toBe(all.items.length);
        expect(all.total).toBeGreaterThanOrEqual(8);
        const paged: Item[] = [];
        for (let page = 1; page <= Math.ceil(all.total / 3); page++) {
          const found = await list(`sort=${sort}&order=${order}&pageSize=3&page=${page}`);
          expect(found.total).toBe(all.total);
          paged.push(...found.items);
        }
        expect(paged.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
        // the order asked, empty values last, ties by number (newest first)
        const key = (i: Item): string | number | null =>
          sort === 'dueToResolve' ? i.sla.dueToResolve : sort === 'dueToOwn' ? i.sla.dueToOwn : sort === 'priority' ? i.priority : sort === 'number' ? i.number : i[sort];
        const keys = all.items.map(key);
        const present = keys.filter((k) => k !== null);
        expect(keys.slice(0, present.length)).toEqual(present);
        const sorted = [...present].sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
        expect(present).toEqual(order === 'asc' ? sorted : sorted.reverse());
      });
    }
  }

  it('answers a page past the end with no item and the total', async () => {
    const all = await list('pageSize=200');
    const past = await list(`pageSize=5&page=${Math.ceil(all.total / 5) + 2}`);
    expect(past).toEqual({ items: [], total: all.total });
    const none = await list('search=aucun-ticket-de-ce-nom');
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('gives each item its school and the types of the contract', async () => {
    const [first] = (await list('sort=number&order=desc&pageSize=1')).items;
    expect(first.establishment).toMatchObject({ uai: t.ids.staffSchool.uai, name: expect.any(String) });
    expect(typeof first.number).toBe('number');
    expect(first.openedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(first.status).toBe('new');
  });

  it('counts only what the filters keep: open tickets of a team', async () => {
    const all = await list('pageSize=200&status=open');
    expect(all.items.every((i) => i.status !== 'solved' && i.status !== 'closed')).toBe(true);
    expect(all.total).toBe(all.items.length);
    const solved = await list('pageSize=200&status=solved');
    expect(solved.total).toBeGreaterThanOrEqual(2);
  });
});
