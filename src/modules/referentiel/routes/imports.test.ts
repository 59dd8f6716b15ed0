import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { multipartBody } from '../../../test/multipart.js';
import { establishments } from '../db/schema.js';

const geoloc = readFileSync(fileURLToPath(new URL('../../../../fixtures/annuaire/fr-en-adresse-et-geolocalisation-colleges.csv', import.meta.url)), 'utf8');
const [header, ...lines] = geoloc.replace(/^\uFEFF/, '').split('\r\n');
const nordLines = lines.filter((l) => l.split(';')[22] === '059').slice(0, 12);
const csv = (rows: string[], head = header) => Buffer.from('\uFEFF' + [head, ...rows].join('\r\n') + '\r\n');

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function upload(bytes: Uint8Array, fields: Record<string, string> = {}, user: 'authority-admin' | 'technician' = 'authority-admin', wait = true) {
  const body = multipartBody({ name: 'colleges.csv', bytes, type: 'text/csv' }, fields);
  return t.app.inject({
    method: 'POST',
    url: `/api/imports/establishments${wait ? '?wait=true' : ''}`,
    headers: { ...(await t.headers(user)), 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function storedCount() {
  const [row] = await t.ctx.db.select({ n: count() }).from(establishments).where(eq(establishments.tenantId, t.ids.a.tenantId));
  return row.n;
}

describe('POST /api/imports/establishments', () => {
  it('imports a géolocalisation CSV and reports created rows, then nothing changes on a re-import', async () => {
    const before = await storedCount();
    const first = await upload(csv(nordLines));
    expect(first.statusCode).toBe(200);
    expect(first.json().report.totals).toMatchObject({ rows: 12, created: 12, updated: 0, rejected: 0 });
    expect(await storedCount()).toBe(before + 12);
    const again = await upload(csv(nordLines));
    expect(again.json().report.totals).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    expect(await storedCount()).toBe(before + 12);
  });

  it('answers 202 at once and lets the page poll progress until the report', async () => {
    const started = await upload(csv(nordLines.slice(0, 3)), {}, 'authority-admin', false);
    expect(started.statusCode).toBe(202);
    const id = started.json().id;
    let run = started.json();
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: await t.headers('authority-admin') })).json();
    }
    expect(run.status).toBe('applied');
    expect(run.processed).toBe(3);
    expect(run.report.totals.unchanged).toBe(3);
  });

  it('refuses the whole file when one row has a wrong UAI, unless valid rows are to be applied', async () => {
    const bad = nordLines[0].replace(/^(\d{7})([A-Z])/, (_m, digits: string, letter: string) => `${digits}${letter === 'A' ? 'B' : 'A'}`);
    const badUai = bad.split(';')[0];
    const fresh = lines.filter((l) => l.split(';')[22] === '062').slice(0, 2);
    const before = await storedCount();
    const refused = await upload(csv([bad, ...fresh]));
    expect(refused.statusCode).toBe(200);
    expect(refused.json().status).toBe('refused');
    expect(refused.json().report.rejected[0]).toMatchObject({ line: 2, uai: badUai });
    expect(refused.json().report.rejected[0].reason).toContain('lettre de contrôle attendue');
    expect(await storedCount()).toBe(before);
    const applied = await upload(csv([bad, ...fresh]), { mode: 'apply-valid' });
    expect(applied.json().status).toBe('applied');
    expect(applied.json().report.totals).toMatchObject({ created: 2, rejected: 1 });
    expect(await storedCount()).toBe(before + 2);
  });

  it.each([
    ['a Windows-1252 file', Buffer.from(header + '\r\n' + nordLines[0] + '\r\n', 'latin1'), /UTF-8/],
    ['a truncated file', csv(nordLines).subarray(0, csv(nordLines).length - 120), /tronqu/],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /texte|UTF-8/],
    ['a CSV without the required columns', Buffer.from('nom;ville\r\nLycée;Lille\r\n'), /colonne|format/i],
  ])('refuses %s whole with a French reason and stores nothing', async (_label, bytes, reason) => {
    const before = await storedCount();
    const response = await upload(bytes);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(reason);
    expect(await storedCount()).toBe(before);
  });

  it('refuses a 200 MB upload with a 413 and stores nothing', async () => {
    const before = await storedCount();
    const response = await upload(Buffer.alloc(200 * 1024 * 1024, 0x41));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toContain('trop volumineux');
    expect(await storedCount()).toBe(before);
  });

  it('stores HTML and SQL in names as plain text', async () => {
    const cells = lines.filter((l) => l.split(';')[22] === '080')[0].split(';');
    const name = `<img src=x onerror=alert(1)>'); DROP TABLE referentiel.establishments;--`;
    cells[1] = `"${name}"`;
    const response = await upload(csv([cells.join(';')]));
    expect(response.json().report.totals.created).toBe(1);
    const school = await t.app.inject({ method: 'GET', url: `/api/establishments/${cells[0]}`, headers: await t.headers('authority-admin') });
    expect(school.json().name).toBe(name);
    expect(await storedCount()).toBeGreaterThan(1);
  });

  it('is refused to a technician and to an anonymous caller', async () => {
    expect((await upload(csv(nordLines), {}, 'technician')).statusCode).toBe(403);
    const body = multipartBody({ name: 'x.csv', bytes: csv(nordLines) });
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/imports/establishments', headers: { 'content-type': body.contentType }, payload: body.payload });
    expect(anonymous.statusCode).toBe(401);
  });
});
