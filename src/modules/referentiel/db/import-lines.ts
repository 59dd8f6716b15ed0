import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { readLineIndex, type KnownLines, type LineIndexEntry } from '../import/known-lines.js';
import { importLines } from './schema.js';

/**
 * UAI → source hash of a tenant's establishments, aggregated into one text by the database: a
 * national file's 66,000 rows would otherwise cost the driver as many row objects.
 */
export async function selectSourceHashes(db: Db, tenantId: string): Promise<Map<string, string | null>> {
  const [found] = await rows<{ list: string | null }>(
    db,
    sql`SELECT string_agg(uai || ' ' || coalesce(source_hash, ''), E'\\n') AS list FROM referentiel.establishments WHERE tenant_id = ${tenantId}::uuid`,
  );
  const hashes = new Map<string, string | null>();
  for (const entry of found?.list?.split('\n') ?? []) {
    const space = entry.indexOf(' ');
    hashes.set(entry.slice(0, space), entry.slice(space + 1) || null);
  }
  return hashes;
}

/** The tenant's known lines whose establishment still holds the record they gave, and how many lines the stored index holds. */
export interface StoredLines {
  known: KnownLines;
  count: number;
}

export async function loadKnownLines(db: Db, tenantId: string, current: Map<string, string | null>): Promise<StoredLines> {
  const [row] = await db.select({ entries: importLines.entries }).from(importLines).where(eq(importLines.tenantId, tenantId));
  const text = row?.entries ?? '';
  return { known: readLineIndex(text, current), count: text === '' ? 0 : countLines(text) };
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The lines of an import are the stored index again when there are as many and each is a stored
 * one still known, giving the same record: the index needs no rewrite (an unchanged re-import).
 */
export function sameAsStored(lines: LineIndexEntry[], stored: StoredLines): boolean {
  if (lines.length !== stored.count) return false;
  return lines.every((line) => {
    const entry = stored.known.get(line.lineHash);
    return entry !== undefined && entry.uai === line.uai && line.recordHash.startsWith(entry.recordHash);
  });
}

/** Replaces the tenant's known lines by the lines of the import just written (writeLineIndex's text). */
export async function saveKnownLines(db: Db, tenantId: string, text: string, now: Date): Promise<void> {
  await db
    .insert(importLines)
    .values({ tenantId, entries: text, updatedAt: now })
    .onConflictDoUpdate({ target: importLines.tenantId, set: { entries: text, updatedAt: now } });
}
