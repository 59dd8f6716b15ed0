import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { multipartBody } from '../../../test/multipart.js';
import { establishments } from '../db/schema.js';

const illeEtVilaine = readFileSync(fileURLToPath(new URL('../../../../fixtures/annuaire/fr-en-annuaire-education-ille-et-vilaine.csv', import.meta.url)));
const hautsDeFrance = { families: ['lycee', 'erea'], academyCodes: ['09', '20'], departmentCodes: [], communeCodes: [] };

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function upload(fields: Record<string, string>, user: 'authority-admin' | 'technician' = 'authority-admin') {
  const body = multipartBody({ name: 'annuaire-ille-et-vilaine.csv', bytes: illeEtVilaine, type: 'text/csv' }, { mode: 'apply-valid', ...fields });
  return t.app.inject({
    method: 'POST',
    url: '/api/imports/establishments?wait=true',
    headers: { ...(await t.headers(user)), 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function storedCount() {
  const [row] = await t.ctx.db.select({ n: count() }).from(establishments).where(eq(establishments.tenantId, t.ids.a.tenantId));
  return row.n;
}

async function declare(competence: unknown, user: 'authority-admin' | 'technician' = 'authority-admin') {
  return t.app.inject({ method: 'PUT', url: '/api/organization/competence', headers: await t.headers(user), payload: { competence } });
}

describe('an import checks what the authority may hold', () => {
  it('declares the Région’s competence: lycées of Lille and Amiens; a technician may read it but not change it', async () => {
    const declared = await declare(hautsDeFrance);
    expect(declared.statusCode).toBe(200);
    expect(declared.json()).toMatchObject({ declared: true, competence: hautsDeFrance });
    expect((await declare(hautsDeFrance, 'technician')).statusCode).toBe(403);
    const read = await t.app.inject({ method: 'GET', url: '/api/organization/competence', headers: await t.headers('technician') });
    expect(read.json().competence.academyCodes).toEqual(['09', '20']);
    const bad = await declare({ families: [], academyCodes: ['Lille'] });
    expect(bad.statusCode).toBe(400);
  });

  it('previews the Ille-et-Vilaine annuaire: 946 rows out of scope, nothing written', async () => {
    const before = await storedCount();
    const preview = await upload({ preview: 'true' });
    expect(preview.statusCode).toBe(200);
    const run = preview.json();
    expect(run.status).toBe('previewed');
    expect(run.report.totals).toMatchObject({ rows: 996, outOfScope: 946, created: 0, updated: 0, unchanged: 0, skipped: 50 });
    expect(run.report.outOfScope).toHaveLength(946);
    const college = run.report.outOfScope.find((r: { uai: string }) => r.uai === '0350005R') ?? run.report.outOfScope[0];
    expect(college.reason).toMatch(/académie 14 hors du territoire \(09, 20\)/i);
    expect(run.report.samples).toEqual({ created: [], updated: [], unchanged: [] });
    expect(await storedCount()).toBe(before);
  });

  it('applies without creating any of them, reported as out of scope', async () => {
    const before = await storedCount();
    const applied = await upload({});
    expect(applied.json().status).toBe('applied');
    expect(applied.json().report.totals).toMatchObject({ outOfScope: 946, created: 0 });
    expect(applied.json().report.outOfScopeConfirmed).toBe(false);
    expect(await storedCount()).toBe(before);
  });

  it('writes them only when the administrator confirms, and the preview says so first', async () => {
    const before = await storedCount();
    const preview = await upload({ preview: 'true', confirmOutOfScope: 'true' });
    expect(preview.json().report.totals).toMatchObject({ outOfScope: 946, created: 946 });
    expect(preview.json().report.samples.created).toHaveLength(10);
    expect(preview.json().report.samples.created[0]).toMatchObject({ line: 2, uai: '0350122T' });
    expect(await storedCount()).toBe(before);
    const confirmed = await upload({ confirmOutOfScope: 'true' });
    expect(confirmed.json().report.totals).toMatchObject({ outOfScope: 946, created: 946 });
    expect(confirmed.json().report.outOfScopeConfirmed).toBe(true);
    expect(await storedCount()).toBe(before + 946);
  });

  it('goes back to the defaults of its kind: a Région of unknown code holds lycées and EREA anywhere', async () => {
    const reset = await declare(null);
    expect(reset.json()).toMatchObject({ declared: false, competence: { families: ['lycee', 'erea'], academyCodes: [], departmentCodes: [] } });
  });
});
