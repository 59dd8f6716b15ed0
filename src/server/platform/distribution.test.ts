import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import type { Database } from './db.js';
import { distributionPlan, readCatalogue, reviewedReferenceTables, type CatalogueTable } from './distribution.js';

let database: Database;
let catalogue: CatalogueTable[];

beforeAll(async () => {
  database = await testDatabase();
  catalogue = await readCatalogue(database.db);
});
afterAll(() => database?.close());

const table = (name: string) => catalogue.find((t) => t.name === name)!;

describe('the distribution rules (ARCHITECTURE.md)', () => {
  it('hold for the whole migrated schema', () => {
    expect(catalogue.length).toBeGreaterThan(30);
    expect(distributionPlan(catalogue).violations).toEqual([]);
  });

  it('place the tables written on every sign-in or inventory by their own key, never as reference tables', () => {
    const { placements } = distributionPlan(catalogue);
    const placed = (name: string) => placements.find((p) => p.table === name);
    expect(placed('access.sessions')).toEqual({ table: 'access.sessions', kind: 'distributed', column: 'user_id' });
    expect(placed('access.login_attempts')).toEqual({ table: 'access.login_attempts', kind: 'distributed', column: 'key' });
    expect(placed('parc.inventory_inbox')).toEqual({ table: 'parc.inventory_inbox', kind: 'distributed', column: 'id' });
    expect(placed('parc.unassigned_reports')).toEqual({ table: 'parc.unassigned_reports', kind: 'distributed', column: 'id' });
    expect(table('access.sessions').primaryKey).toEqual(['user_id', 'id']);
    const references = placements.filter((p) => p.kind === 'reference').map((p) => p.table);
    expect(references.sort()).toEqual(Object.keys(reviewedReferenceTables).sort());
  });

  it('lead the search indexes with the tenant', () => {
    for (const name of ['referentiel.establishments', 'parc.assets']) {
      const search = table(name).indexes.find((i) => i.definition.includes('gin_trgm_ops'))!;
      expect(search.columns).toEqual(['tenant_id', 'search_text']);
    }
  });

  it('catch what breaks them: a key without the tenant, a foreign key without it, a busy table marked reference', () => {
    const broken: CatalogueTable[] = [
      { ...table('referentiel.establishments'), uniqueKeys: [{ name: 'establishments_uai_only', columns: ['uai'] }] },
      { ...table('referentiel.rooms'), foreignKeys: [{ name: 'rooms_building_fk', columns: ['building_id'], references: 'referentiel.buildings', referencedColumns: ['id'] }] },
      { ...table('access.sessions'), comment: 'reference: sessions' },
      { ...table('parc.inventory_inbox'), comment: null },
      { ...table('platform.audit_events'), primaryKey: ['id', 'tenant_id'] },
    ];
    const others = catalogue.filter((t) => !broken.some((b) => b.name === t.name));
    expect(distributionPlan([...others, ...broken]).violations.sort()).toEqual(
      [
        'referentiel.establishments: establishments_uai_only (uai) ne commence pas par tenant_id',
        'referentiel.rooms: rooms_building_fk vers referentiel.buildings ne porte pas tenant_id des deux côtés',
        'access.sessions: marquée « reference: » sans être une petite table rarement écrite revue (reviewedReferenceTables)',
        'parc.inventory_inbox: ni tenant_id, ni « distributed-by: », ni « reference: »',
        'platform.audit_events: la clé primaire (id, tenant_id) ne commence pas par tenant_id',
      ].sort(),
    );
  });

  it('the Citus plan places every table once, reference tables first, each table after those it points at', async () => {
    const { statements } = distributionPlan(catalogue);
    const placedAt = new Map<string, number>();
    statements.forEach((statement, i) => {
      const [, kind, name, column] = /^SELECT create_(reference|distributed)_table\('([a-z_.]+)'(?:, '([a-z_]+)')?/.exec(statement)!;
      expect(placedAt.has(name), name).toBe(false);
      placedAt.set(name, i);
      const entry = table(name);
      if (kind === 'reference') expect(entry.comment).toMatch(/^reference:/);
      else expect(entry.primaryKey[0]).toBe(column);
    });
    expect([...placedAt.keys()].sort()).toEqual(catalogue.map((t) => t.name).sort());
    const firstDistributed = statements.findIndex((s) => s.includes('create_distributed_table'));
    expect(statements.slice(firstDistributed).every((s) => s.includes('create_distributed_table'))).toBe(true);
    for (const entry of catalogue) {
      for (const fk of entry.foreignKeys.filter((f) => f.references !== entry.name)) expect(placedAt.get(fk.references)!, `${entry.name} → ${fk.references}`).toBeLessThan(placedAt.get(entry.name)!);
    }
  });

  it('npm run citus:plan prints that plan', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/citus-distribution.ts'], { env: { ...process.env, DATABASE_URL: '' } });
    expect(stdout.trim().split('\n').slice(1)).toEqual(distributionPlan(catalogue).statements);
  }, 120_000);
});
