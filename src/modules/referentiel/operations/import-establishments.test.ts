import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx, type Ctx } from '../../../server/platform/context.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import type { Database } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { editAnnuaire, fixtureBytes, fixtureText, setCell, utf8 } from '../../../test/annuaire-fixtures.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import { establishmentTrail } from '../db/establishment-trail.js';
import { establishments, importRuns, territorialUnits } from '../db/schema.js';
import { importEstablishments, type ImportEstablishmentsInput } from './import-establishments.js';

let database: Database;
let ctx: Ctx;
let clock = new Date('2026-09-01T08:00:00Z');
let tenantCount = 0;

beforeAll(async () => {
  database = await testDatabase();
  ctx = systemCtx(database, () => clock);
});
afterAll(() => database?.close());

const newTenant = () => createTenant(database.db, { code: `region-${++tenantCount}`, kind: 'region', name: `Région ${tenantCount}` });
const run = (tenantId: string, bytes: Uint8Array, extra: Partial<ImportEstablishmentsInput> = {}) =>
  importEstablishments(ctx, { tenantId, bytes, filename: 'lycees.json', mode: 'all-or-nothing', ...extra });

async function countOf(tenantId: string): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(establishments).where(eq(establishments.tenantId, tenantId));
  return row.n;
}
async function auditCount(tenantId: string): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.tenantId, tenantId));
  return row.n;
}
const uaisOf = async (tenantId: string) =>
  (await database.db.select({ uai: establishments.uai }).from(establishments).where(eq(establishments.tenantId, tenantId))).map((r) => r.uai);
const byUai = async (tenantId: string, uai: string) =>
  (await database.db.select().from(establishments).where(and(eq(establishments.tenantId, tenantId), eq(establishments.uai, uai))))[0];

function lyceesWith(edit: (list: Record<string, unknown>[]) => void): Uint8Array {
  const json = JSON.parse(fixtureText('lycees')) as { lycees: Record<string, unknown>[] };
  edit(json.lycees);
  return utf8(JSON.stringify(json));
}

describe('importEstablishments', () => {
  it('creates the 3,503 lycées of the JSON file, audited in sets, then finds them all unchanged', async () => {
    const tenantId = await newTenant();
    const first = await run(tenantId, fixtureBytes('lycees'));
    expect(first).toMatchObject({ format: 'lycees-json', status: 'applied', rejected: [], skipped: [] });
    expect(first.totals).toEqual({ rows: 3503, created: 3503, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });
    expect(await countOf(tenantId)).toBe(3503);
    // one event per batch of 2,000 created rows, listing their UAIs
    expect(await auditCount(tenantId)).toBe(2);
    const batches = await database.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId));
    expect(batches.map((e) => [e.action, e.entityType, e.entityId, e.actorType, e.before])).toEqual([
      ['import', 'establishment-import', first.runId, 'system', null],
      ['import', 'establishment-import', first.runId, 'system', null],
    ]);
    expect(batches.flatMap((e) => (e.after as { created: string[] }).created).sort()).toEqual((await uaisOf(tenantId)).sort());
    const lycee = await byUai(tenantId, '0590018Z');
    expect(lycee).toMatchObject({ name: 'Lycee Jesse De Forest', natureCode: '306', tracks: ['general', 'technological', 'vocational'], version: 1 });
    expect(lycee.searchText).toBe('lycee jesse de forest 0590018z avesnes sur helpe 59363');
    // the school's trail still shows its creation by the import
    const [event] = await establishmentTrail(database.db, { tenantId, id: lycee.id, uai: lycee.uai, limit: 10 });
    expect(event).toMatchObject({ action: 'import', entityType: 'establishment', entityId: lycee.id, actorType: 'system', before: null, after: { uai: '0590018Z' } });

    const again = await run(tenantId, fixtureBytes('lycees'));
    expect(again.totals).toEqual({ rows: 3503, created: 0, updated: 0, unchanged: 3503, rejected: 0, skipped: 0 });
    expect(await countOf(tenantId)).toBe(3503);
    expect(await auditCount(tenantId)).toBe(2);
    expect((await byUai(tenantId, '0590018Z')).version).toBe(1);
  });

  it('updates a changed row only: version + 1, updated_at from the clock, audit of the changed field, unit kept', async () => {
    const tenantId = await newTenant();
    await run(tenantId, fixtureBytes('lycees'));
    const [unit] = await database.db.insert(territorialUnits).values({ tenantId, kind: 'sector', code: 'S1', name: 'Secteur 1' }).returning();
    await database.db.update(establishments).set({ unitId: unit.id }).where(and(eq(establishments.tenantId, tenantId), eq(establishments.uai, '0010010F')));
    clock = new Date('2026-09-02T10:30:00Z');
    const edited = lyceesWith((list) => {
      list[0].adresse = '115 rue du 5e RTM';
    });
    const report = await run(tenantId, edited);
    expect(report.totals).toMatchObject({ created: 0, updated: 1, unchanged: 3502 });
    const lycee = await byUai(tenantId, '0010010F');
    expect(lycee).toMatchObject({ address: '115 rue du 5e RTM', version: 2, unitId: unit.id });
    expect(lycee.updatedAt.toISOString()).toBe('2026-09-02T10:30:00.000Z');
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, lycee.id), sql`${auditEvents.before} is not null`));
    expect(event.before).toEqual({ address: '113 rue du 5e RTM' });
    expect(event.after).toEqual({ address: '115 rue du 5e RTM' });
    expect(event.at.toISOString()).toBe('2026-09-02T10:30:00.000Z');
  });

  it('all-or-nothing: one rejected row and nothing is written; the report says which row and why', async () => {
    const tenantId = await newTenant();
    const bad = lyceesWith((list) => {
      list[9].uai = '0020059E';
      list[11].lat = 95;
    });
    const report = await run(tenantId, bad);
    expect(report.status).toBe('refused');
    expect(report.totals).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 2 });
    expect(report.rejected).toEqual([
      { line: 10, uai: '0020059E', reason: 'UAI « 0020059E » invalide : la lettre de contrôle attendue est « D », pas « E ».' },
      { line: 12, uai: list11Uai(), reason: "Champ « lat » : 95 est hors de l'intervalle -90 à 90." },
    ]);
    expect(await countOf(tenantId)).toBe(0);
    expect(await auditCount(tenantId)).toBe(0);
    const [stored] = await database.db.select().from(importRuns).where(eq(importRuns.id, report.runId));
    expect(stored).toMatchObject({ status: 'refused', format: 'lycees-json', processed: report.totals.rows });
    expect((stored.report as { rejected: unknown[] }).rejected).toHaveLength(2);
  });

  it('all-or-nothing, a file read in several chunks: its last row rejected, nothing it began to write is kept', async () => {
    const tenantId = await newTenant();
    // 3 MB: the first rows are written while the rest is read; the last row's UAI loses its letter
    const text = fixtureText('geolocalisation').replace(/\r\n$/, '');
    const lastLine = text.lastIndexOf('\r\n') + 2;
    const lastUai = text.slice(lastLine, lastLine + 8);
    const bytes = utf8(`${text.slice(0, lastLine)}${lastUai.slice(0, 7)}${text.slice(lastLine + 8)}\r\n`);
    const report = await run(tenantId, bytes, { filename: 'colleges.csv' });
    expect(report.status).toBe('refused');
    expect(report.totals).toEqual({ rows: 7654, created: 0, updated: 0, unchanged: 0, rejected: 1, skipped: 0 });
    expect(report.rejected).toEqual([{ line: 7655, uai: lastUai.slice(0, 7), reason: expect.stringContaining(lastUai.slice(0, 7)) }]);
    expect(await countOf(tenantId)).toBe(0);
    expect(await auditCount(tenantId)).toBe(0);
    const [stored] = await database.db.select().from(importRuns).where(eq(importRuns.id, report.runId));
    expect(stored).toMatchObject({ status: 'refused', format: 'geolocalisation', processed: 7654, total: 7654 });
  });

  it('apply-valid: writes the valid rows and lists the rejected ones', async () => {
    const tenantId = await newTenant();
    const bytes = editAnnuaire((header, rows) => {
      setCell(header, rows, '0350122T', 'Nombre_d_eleves', 'abc');
      setCell(header, rows, '0350165P', 'Identifiant_de_l_etablissement', '0350165Q');
    });
    const report = await run(tenantId, bytes, { mode: 'apply-valid', filename: 'annuaire.csv' });
    expect(report).toMatchObject({ format: 'annuaire', status: 'applied' });
    expect(report.totals).toEqual({ rows: 996, created: 944, updated: 0, unchanged: 0, rejected: 2, skipped: 50 });
    expect(report.rejected.map((r) => [r.line, r.uai])).toEqual([
      [2, '0350122T'],
      [3, '0350165Q'],
    ]);
    expect(report.rejected[0].reason).toContain('Nombre_d_eleves');
    expect(report.skipped[0].reason).toContain('Pas un établissement scolaire');
    expect(await countOf(tenantId)).toBe(944);
    expect(await byUai(tenantId, '0350122T')).toBeUndefined();
  });

  it('re-imports an annuaire CSV from its known lines: unchanged rows counted, a changed one updated, the scope still checked', async () => {
    const tenantId = await newTenant();
    // collèges only: the file's lycées and écoles are out of scope, confirmed the first time
    const scope = (confirmOutOfScope: boolean) => ({ competence: { families: ['college' as const], academyCodes: [], departmentCodes: [], communeCodes: [] }, confirmOutOfScope });
    const annuaire = { filename: 'annuaire.csv', mode: 'apply-valid' as const };
    const first = await run(tenantId, fixtureBytes('annuaire'), { ...annuaire, scope: scope(true) });
    expect(first.outOfScope.length).toBeGreaterThan(100);
    const again = await run(tenantId, fixtureBytes('annuaire'), { ...annuaire, scope: scope(true) });
    expect(again.totals).toEqual({ ...first.totals, created: 0, updated: 0, unchanged: first.totals.created });
    expect(again.outOfScope).toEqual(first.outOfScope);
    const college = (await uaisOf(tenantId)).find((uai) => !first.outOfScope.some((r) => r.uai === uai))!;
    const edited = editAnnuaire((header, rows) => setCell(header, rows, college, 'Nom_etablissement', 'Collège renommé'));
    const changed = await run(tenantId, edited, { ...annuaire, scope: scope(false) });
    // unconfirmed, the out-of-scope rows (known lines too) are reported and left as they are
    expect(changed.outOfScope).toEqual(first.outOfScope);
    expect(changed.totals).toMatchObject({ created: 0, updated: 1, unchanged: first.totals.created - first.outOfScope.length - 1 });
    expect((await byUai(tenantId, college)).name).toBe('Collège renommé');
  });

  it('keeps tenants apart: a second tenant importing the same file creates its own rows', async () => {
    const a = await newTenant();
    const b = await newTenant();
    await run(a, fixtureBytes('lycees'));
    const auditA = await auditCount(a);
    const reportB = await run(b, fixtureBytes('lycees'));
    expect(reportB.totals.created).toBe(3503);
    expect(await countOf(a)).toBe(3503);
    expect(await countOf(b)).toBe(3503);
    expect(await auditCount(a)).toBe(auditA);
    expect((await byUai(a, '0590018Z')).id).not.toBe((await byUai(b, '0590018Z')).id);
  });

  it('stores HTML and SQL in names verbatim', async () => {
    const tenantId = await newTenant();
    const name = `<img src=x onerror=alert(1)> Lycée'); DELETE FROM referentiel.establishments; --`;
    const report = await run(tenantId, utf8(JSON.stringify({ lycees: [{ uai: '0590018Z', nom: name, type: 'GT', secteur: 'public', academie: 'Lille' }] })));
    expect(report.totals.created).toBe(1);
    expect((await byUai(tenantId, '0590018Z')).name).toBe(name);
  });

  it('refuses a whole file by throwing, and records the run as refused with the message', async () => {
    const tenantId = await newTenant();
    const runId = crypto.randomUUID();
    const error = await run(tenantId, Buffer.from('numero_uai;nom\r\n0590018Z;Collège\r\n', 'latin1'), { runId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const [stored] = await database.db.select().from(importRuns).where(eq(importRuns.id, runId));
    expect(stored).toMatchObject({ status: 'refused', error: (error as AppError).message });
    expect(stored.finishedAt).not.toBeNull();
  });

  it('continues a run recorded beforehand and reports progress up to the total', async () => {
    const tenantId = await newTenant();
    const [pre] = await database.db.insert(importRuns).values({ tenantId, filename: 'colleges.csv', mode: 'apply-valid', status: 'running', createdBy: 'Marie' }).returning();
    const seen: [number, number][] = [];
    const report = await run(tenantId, fixtureBytes('geolocalisation'), { runId: pre.id, onProgress: (p, t) => seen.push([p, t]) });
    expect(report.runId).toBe(pre.id);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toEqual([7654, 7654]);
    expect(seen.every(([p], i) => i === 0 || p >= seen[i - 1][0])).toBe(true);
    const [stored] = await database.db.select().from(importRuns).where(eq(importRuns.id, pre.id));
    expect(stored).toMatchObject({ status: 'applied', processed: 7654, total: 7654, createdBy: 'Marie', format: 'geolocalisation' });
  });
});

function list11Uai(): string {
  return (JSON.parse(fixtureText('lycees')) as { lycees: { uai: string }[] }).lycees[11].uai;
}
