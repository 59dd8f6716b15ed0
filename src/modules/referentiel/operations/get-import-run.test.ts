import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { fixtureBytes } from '../../../test/annuaire-fixtures.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import { getImportRun } from './get-import-run.js';
import { importEstablishments } from './import-establishments.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database?.close());

describe('getImportRun', () => {
  it("reads a tenant's run with its report, and not another tenant's", async () => {
    const ctx = systemCtx(database);
    const a = await createTenant(database.db, { code: 'a', kind: 'region', name: 'A' });
    const b = await createTenant(database.db, { code: 'b', kind: 'region', name: 'B' });
    const report = await importEstablishments(ctx, { tenantId: a, bytes: fixtureBytes('annuaire'), filename: 'ille-et-vilaine.csv', mode: 'all-or-nothing' });
    const run = await getImportRun(ctx, { tenantId: a, id: report.runId });
    expect(run).toMatchObject({ filename: 'ille-et-vilaine.csv', format: 'annuaire', status: 'applied', processed: 996, total: 996, createdBy: 'Système' });
    expect(run.report).toMatchObject({ totals: { created: 946, skipped: 50 } });
    await expect(getImportRun(ctx, { tenantId: b, id: report.runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
