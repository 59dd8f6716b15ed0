import { sql } from 'drizzle-orm';
import { rows, type Db } from './db.js';

/**
 * The distribution rules of ARCHITECTURE.md, read from the catalogue: how each table would be
 * placed on Citus (by tenant, by its own key, or copied to every node) and what breaks the rules.
 */

/** Schemas that are not the application's: pg-boss keeps its queue on the coordinator, drizzle its journal. */
const foreignSchemas = ['pg_catalog', 'information_schema', 'pg_toast', 'drizzle', 'pgboss'];

/**
 * Reference tables, reviewed one by one: small, rarely written directories. Citus copies them to
 * every node and writes them on all of them in one distributed transaction.
 */
export const reviewedReferenceTables: Record<string, string> = {
  'referentiel.organizations': 'the directory of tenants: a few hundred rows, written when an authority or partner joins',
  'access.users': 'identities: written when a person is created or changes a password, read by every node to name people',
};

interface Key {
  name: string;
  columns: string[];
}

interface ForeignKey extends Key {
  references: string;
  referencedColumns: string[];
}

export interface CatalogueTable {
  name: string; // schema.table
  comment: string | null;
  columns: string[];
  primaryKey: string[];
  uniqueKeys: Key[];
  foreignKeys: ForeignKey[];
  indexes: (Key & { definition: string })[]; // non-unique indexes, columns as written (expressions by their text)
}

export type Placement = { table: string; kind: 'reference' } | { table: string; kind: 'distributed'; column: string };

export interface DistributionPlan {
  placements: Placement[];
  violations: string[];
  statements: string[];
}

export async function readCatalogue(db: Db): Promise<CatalogueTable[]> {
  const excluded = sql.raw(foreignSchemas.map((s) => `'${s}'`).join(', '));
  const tables = await rows<{ name: string; comment: string | null; columns: string[] }>(
    db,
    sql`SELECT n.nspname || '.' || c.relname AS name, obj_description(c.oid, 'pg_class') AS comment,
        array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p' AND n.nspname NOT IN (${excluded}) AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname || '.' || c.relname COLLATE "C"`,
  );
  const indexes = await rows<{ table: string; name: string; columns: string[]; is_unique: boolean; is_primary: boolean; definition: string }>(
    db,
    sql`SELECT n.nspname || '.' || c.relname AS table, i.relname AS name, x.indisunique AS is_unique, x.indisprimary AS is_primary,
        pg_get_indexdef(x.indexrelid) AS definition,
        array(SELECT pg_get_indexdef(x.indexrelid, k, false) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k) AS columns
      FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN (${excluded}) AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  const foreignKeys = await rows<{ table: string; name: string; columns: string[]; references: string; referenced_columns: string[] }>(
    db,
    sql`SELECT n.nspname || '.' || c.relname AS table, k.conname AS name, rn.nspname || '.' || r.relname AS references,
        array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.o) AS columns,
        array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.o) AS referenced_columns
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
      WHERE k.contype = 'f' AND n.nspname NOT IN (${excluded})
      ORDER BY k.conname COLLATE "C"`,
  );
  return tables.map((t) => {
    const own = indexes.filter((i) => i.table === t.name);
    return {
      ...t,
      primaryKey: own.find((i) => i.is_primary)?.columns ?? [],
      uniqueKeys: own.filter((i) => i.is_unique && !i.is_primary).map(({ name, columns }) => ({ name, columns })),
      indexes: own.filter((i) => !i.is_unique).map(({ name, columns, definition }) => ({ name, columns, definition })),
      foreignKeys: foreignKeys
        .filter((f) => f.table === t.name)
        .map((f) => ({ name: f.name, columns: f.columns, references: f.references, referencedColumns: f.referenced_columns })),
    };
  });
}

/** The comment `distributed-by: <column>` names the key of a table that belongs to no tenant. */
const distributedBy = (comment: string | null) => /^distributed-by:\s*([a-z_]+)/.exec(comment ?? '')?.[1];

function placementOf(table: CatalogueTable): Placement | string {
  if (table.comment?.startsWith('reference:')) return { table: table.name, kind: 'reference' };
  const own = distributedBy(table.comment);
  if (own) return { table: table.name, kind: 'distributed', column: own };
  if (table.columns.includes('tenant_id')) return { table: table.name, kind: 'distributed', column: 'tenant_id' };
  return `${table.name}: ni tenant_id, ni « distributed-by: », ni « reference: »`;
}

function keyViolations(table: CatalogueTable, column: string): string[] {
  const found: string[] = [];
  if (!table.columns.includes(column)) found.push(`${table.name}: distribuée par ${column}, colonne absente`);
  if (table.primaryKey[0] !== column) found.push(`${table.name}: la clé primaire (${table.primaryKey.join(', ')}) ne commence pas par ${column}`);
  // a search index serves one tenant's searches: led by the tenant, it reads only that tenant's entries
  const searches = column === 'tenant_id' ? table.indexes.filter((i) => i.definition.includes('gin_trgm_ops')) : [];
  for (const key of [...table.uniqueKeys, ...searches]) {
    if (key.columns[0] !== column) found.push(`${table.name}: ${key.name} (${key.columns.join(', ')}) ne commence pas par ${column}`);
  }
  return found;
}

function foreignKeyViolations(table: CatalogueTable, placement: Placement, placed: Map<string, Placement>): string[] {
  const found: string[] = [];
  for (const fk of table.foreignKeys) {
    const target = placed.get(fk.references);
    if (!target || target.kind === 'reference') continue; // any table may point at a table copied to every node
    if (placement.kind === 'reference') {
      found.push(`${table.name}: table de référence pointant vers ${fk.references}, distribuée (${fk.name})`);
      continue;
    }
    const i = fk.columns.indexOf(placement.column);
    if (target.column !== placement.column || i < 0 || fk.referencedColumns[i] !== target.column) {
      found.push(`${table.name}: ${fk.name} vers ${fk.references} ne porte pas ${target.column} des deux côtés`);
    }
  }
  return found;
}

/** Distributed tables after the ones they point at, so each create finds its targets already placed. */
function inDependencyOrder(tables: CatalogueTable[], placed: Map<string, Placement>): CatalogueTable[] {
  const done = new Set<string>();
  const ordered: CatalogueTable[] = [];
  const visit = (table: CatalogueTable, path: Set<string>) => {
    if (done.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const fk of table.foreignKeys) {
      const target = tables.find((t) => t.name === fk.references);
      if (target && placed.get(target.name)?.kind === 'distributed') visit(target, path);
    }
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

export function distributionPlan(catalogue: CatalogueTable[]): DistributionPlan {
  const violations: string[] = [];
  const placed = new Map<string, Placement>();
  for (const table of catalogue) {
    const placement = placementOf(table);
    if (typeof placement === 'string') violations.push(placement);
    else placed.set(table.name, placement);
  }
  for (const table of catalogue) {
    const placement = placed.get(table.name);
    if (!placement) continue;
    if (placement.kind === 'reference' && !reviewedReferenceTables[table.name]) {
      violations.push(`${table.name}: marquée « reference: » sans être une petite table rarement écrite revue (reviewedReferenceTables)`);
    }
    if (placement.kind === 'distributed') violations.push(...keyViolations(table, placement.column));
    violations.push(...foreignKeyViolations(table, placement, placed));
  }
  const references = catalogue.filter((t) => placed.get(t.name)?.kind === 'reference');
  const distributed = inDependencyOrder(
    catalogue.filter((t) => placed.get(t.name)?.kind === 'distributed'),
    placed,
  );
  const tenantAnchor = distributed.find((t) => (placed.get(t.name) as { column: string }).column === 'tenant_id')?.name;
  const statements = [
    ...references.map((t) => `SELECT create_reference_table('${t.name}');`),
    ...distributed.map((t) => {
      const { column } = placed.get(t.name) as { column: string };
      // tenant tables share shards (joins and foreign keys stay on one node); the others stand alone
      const colocate = column !== 'tenant_id' ? 'none' : t.name === tenantAnchor ? 'default' : tenantAnchor;
      return `SELECT create_distributed_table('${t.name}', '${column}', colocate_with => '${colocate}');`;
    }),
  ];
  const placements = [...references, ...distributed].map((t) => placed.get(t.name)!);
  return { placements, violations, statements };
}
