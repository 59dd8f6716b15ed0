import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { defineCache, type Caches } from '../../../server/platform/cache.js';
import { rows, type Db } from '../../../server/platform/db.js';
import { pgArray, runRendered, textArray } from '../../../server/platform/prepared.js';
import type { InventorySoftware } from '../inventory/inventory-report.js';
import { softwareKey } from '../inventory/software-key.js';
import { isDatabaseError } from '../../../server/platform/database-errors.js';

export interface NormalisedSoftware {
  key: string;
  name: string;
  publisher: string | null;
  version: string;
}

/** One entry per (product, version), sorted, so the same list always hashes the same. */
export function normaliseSoftware(list: InventorySoftware[]): NormalisedSoftware[] {
  const byKey = new Map<string, NormalisedSoftware>();
  for (const item of list) {
    const entry = normalisedEntry(item);
    if (entry) byKey.set(entry.product, entry.software);
  }
  return [...byKey.values()].sort((a, b) => (a.key === b.key ? a.version.localeCompare(b.version) : a.key < b.key ? -1 : 1));
}

interface NormalisedEntry {
  /** The product and version, one entry per report. */
  product: string;
  software: NormalisedSoftware;
}

/**
 * What an agent's line normalises to, remembered by its name, version and publisher: agents
 * report the same few thousand lines all day, and `softwareKey`'s regular expressions were half
 * of the normalisation's CPU. The entries are shared by reports (nothing changes them); the map
 * is emptied when full. A line holding the separator is normalised without the map.
 */
const normalisedLines = new Map<string, NormalisedEntry | null>();
const maxNormalisedLines = 50_000;

function normalisedEntry(item: InventorySoftware): NormalisedEntry | null {
  const { name, version, publisher } = item;
  if (name.includes('\u0000') || version?.includes('\u0000') || publisher?.includes('\u0000')) return normalise(item);
  // softwareKey reads an empty version or publisher as none: the same line
  const line = `${name}\u0000${version ?? ''}\u0000${publisher ?? ''}`;
  let entry = normalisedLines.get(line);
  if (entry === undefined) {
    if (normalisedLines.size >= maxNormalisedLines) normalisedLines.clear();
    normalisedLines.set(line, (entry = normalise(item)));
  }
  return entry;
}

function normalise(item: InventorySoftware): NormalisedEntry | null {
  const k = softwareKey(item);
  if (!k.key) return null;
  const version = k.version ?? '';
  return { product: `${k.key}\u0000${version}`, software: { key: k.key, name: k.displayName, publisher: k.publisher, version } };
}

/** The publisher counts: a device whose packages now come from another distribution is rewritten. */
export function softwareHash(list: NormalisedSoftware[]): string {
  const hash = createHash('sha256');
  for (const s of list) hash.update(`${s.key}\u0000${s.version}\u0000${s.publisher ?? ''}\n`);
  return hash.digest('hex');
}


/**
 * Catalogue ids already seen, by tenant (one lookup per inventory, then a map of product keys).
 * The catalogue only grows (rows are never deleted or re-keyed), and agents of one authority
 * report the same few thousand products all day: most inventories then need no catalogue query at
 * all. A tenant's map is bounded (emptied when full); invalidated, with the tenant as key, when a
 * foreign key says an id is not there.
 */
export const softwareIdsCache = defineCache<Map<string, number>>('software-ids', { max: 2_000, ttlMs: 6 * 3_600_000 });
const maxKnownPerTenant = 200_000;

/** What the store needs of a context: the database and the process's caches (a Ctx fits). */
export interface StoreCtx {
  db: Db;
  cache: Caches;
}

function remember(ctx: StoreCtx, tenantId: string, found: { id: number; key: string }[]) {
  const cache = ctx.cache.of(softwareIdsCache);
  let ofTenant = cache.get(tenantId);
  if (!ofTenant || ofTenant.size + found.length > maxKnownPerTenant) cache.set(tenantId, (ofTenant = new Map()));
  for (const r of found) ofTenant.set(r.key, Number(r.id));
}

/**
 * Adds missing products to the tenant's catalogue and returns the id of every key. Keys are
 * inserted in sorted order so concurrent agents never deadlock on the unique index. Call it
 * outside the device's transaction: the ids it remembers must be committed.
 */
export async function ensureSoftwareIds(ctx: StoreCtx, tenantId: string, list: NormalisedSoftware[]): Promise<Map<string, number>> {
  const { db } = ctx;
  const ofTenant = ctx.cache.of(softwareIdsCache).get(tenantId);
  const ids = new Map<string, number>();
  const products: NormalisedSoftware[] = [];
  for (const s of new Map(list.map((s) => [s.key, s])).values()) {
    const id = ofTenant?.get(s.key);
    if (id === undefined) products.push(s);
    else ids.set(s.key, id);
  }
  if (products.length === 0) return ids;
  const keys = textArray(products.map((p) => p.key));
  const found = await rows<{ id: number; key: string }>(
    db,
    sql`with wanted(key, name, publisher) as (
          select * from unnest(${keys}, ${textArray(products.map((p) => p.name))}, ${textArray(products.map((p) => p.publisher))})),
        inserted as (
          insert into parc.software (tenant_id, key, name, publisher)
          select ${tenantId}, w.key, w.name, w.publisher from wanted w
           where not exists (select 1 from parc.software s where s.tenant_id = ${tenantId} and s.key = w.key)
           order by w.key
          on conflict (tenant_id, key) do nothing
          returning id, key)
        select id, key from inserted
        union all
        select s.id, s.key from parc.software s join wanted w on w.key = s.key where s.tenant_id = ${tenantId}`,
  );
  if (found.length < products.length) {
    // another agent inserted some keys between our snapshot and our insert: read them now
    found.push(...(await rows<{ id: number; key: string }>(db, sql`select id, key from parc.software where tenant_id = ${tenantId} and key = any(${keys})`)));
  }
  remember(ctx, tenantId, found);
  for (const r of found) ids.set(r.key, Number(r.id));
  return ids;
}

/**
 * Replaces the installed list of one device by a diff: rows that did not change are not touched,
 * only the removed ones are deleted and the new ones inserted (their foreign keys are the costly
 * part of a write). The diff is computed here, not in SQL: one statement comparing two lists of
 * 900 rows let the planner pick a nested loop (800,000 comparisons, 50 ms) whenever the table's
 * statistics were behind, which they are right after a fleet first reports. A device just created
 * has nothing to compare with (`created`): its list is inserted without reading.
 */
export async function writeInstalledSoftware(
  db: Db,
  params: {
    tenantId: string;
    assetId: string;
    /** The device's school as this transaction leaves it: copied on each line (see the schema). */
    establishmentId: string | null;
    list: NormalisedSoftware[];
    ids: Map<string, number>;
    created?: boolean;
    /** The process's caches: a catalogue id found missing invalidates the tenant's remembered ids. */
    cache: Caches;
  },
) {
  const { tenantId, assetId } = params;
  const wanted: InstalledRow[] = params.list.map((s) => ({ softwareId: Number(params.ids.get(s.key)), version: s.version, publisher: s.publisher }));
  let added = wanted;
  let removed: InstalledRow[] = [];
  if (!params.created) {
    const current = await runRendered<{ softwareId: string | number; version: string; publisher: string | null }>(db, 'parc_installed', 'read', installedQuery, {
      tenantId,
      assetId,
    });
    // the publisher is part of a line: a package rebuilt by another distribution is rewritten
    const rowKey = (r: { softwareId: number | string; version: string; publisher: string | null }) => `${r.softwareId}\u0000${r.version}\u0000${r.publisher ?? ''}`;
    // each line's key built once (900 lines a side: the strings were most of the diff's garbage)
    const wantedKeys = wanted.map(rowKey);
    const currentKeys = current.map(rowKey);
    const wantedSet = new Set(wantedKeys);
    const currentSet = new Set(currentKeys);
    added = wanted.filter((_, i) => !currentSet.has(wantedKeys[i]));
    removed = current
      .filter((_, i) => !wantedSet.has(currentKeys[i]))
      .map((c) => ({ softwareId: Number(c.softwareId), version: c.version, publisher: c.publisher }));
  }
  try {
    if (removed.length > 0) {
      const values = { tenantId, assetId, ids: bigintArray(removed.map((r) => r.softwareId)), versions: pgArray(removed.map((r) => r.version)) };
      await runRendered(db, 'parc_installed', 'delete', removeQuery, values);
    }
    if (added.length > 0) {
      const values = {
        tenantId,
        assetId,
        establishmentId: params.establishmentId,
        ids: bigintArray(added.map((r) => r.softwareId)),
        versions: pgArray(added.map((r) => r.version)),
        publishers: pgArray(added.map((r) => r.publisher)),
      };
      await runRendered(db, 'parc_installed', 'insert', addQuery, values);
    }
  } catch (error) {
    // a catalogue id that is not there (only if the catalogue lost rows): forget what was remembered
    if (isDatabaseError(error, '23503')) params.cache.invalidate(softwareIdsCache, tenantId);
    throw error;
  }
}

interface InstalledRow {
  softwareId: number;
  version: string;
  publisher: string | null;
}

const bigintArray = (values: number[]) => `{${values.join(',')}}`;

// the installed-list statements, rendered once (runRendered): their values are placeholders
const [tenant, asset] = [sql.placeholder('tenantId'), sql.placeholder('assetId')];
const installedQuery = () =>
  sql`select software_id as "softwareId", version, publisher from parc.asset_software where tenant_id = ${tenant} and asset_id = ${asset}`;
const removeQuery = () => sql`
  delete from parc.asset_software a
   using unnest(${sql.placeholder('ids')}::bigint[], ${sql.placeholder('versions')}::text[]) as r(software_id, version)
   where a.tenant_id = ${tenant} and a.asset_id = ${asset} and a.software_id = r.software_id and a.version = r.version`;
const addQuery = () => sql`
  insert into parc.asset_software (tenant_id, asset_id, software_id, version, establishment_id, publisher)
  select ${tenant}, ${asset}, w.software_id, w.version, ${sql.placeholder('establishmentId')}::uuid, w.publisher
    from unnest(${sql.placeholder('ids')}::bigint[], ${sql.placeholder('versions')}::text[], ${sql.placeholder('publishers')}::text[])
      as w(software_id, version, publisher)
  on conflict do nothing`;
