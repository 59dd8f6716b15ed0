import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { establishmentDirectoryCache } from '../db/establishment-directory.js';
import { loadKnownLines, sameAsStored, saveKnownLines, selectSourceHashes, type StoredLines } from '../db/import-lines.js';
import { finishImportRun, openImportRun, updateImportRun } from '../db/import-runs.js';
import {
  analyzeIfUnknown,
  batchesOf,
  mergeEstablishments,
  stageEstablishments,
  type StagedItem,
  type StagedRange,
} from '../db/upsert-establishments.js';
import { searchKey } from '../establishment-record.js';
import { parseEstablishmentFile, type ParsedEstablishmentFile } from '../import/parse-establishment-file.js';
import type { EstablishmentFileFormat, ParsedRow } from '../import/parsed-row.js';
import { recordHash } from '../import/record-hash.js';
import { summaryOf, type LineIndexEntry } from '../import/known-lines.js';
import { establishmentTotals } from './find-establishments.js';
import type { Competence } from '../competence/competence.js';
import { previewOutcomes, splitByCompetence, type RowIssue, type RowSample } from './classify-import-rows.js';

export type { RowIssue, RowSample };

export interface ImportEstablishmentsInput {
  tenantId: string;
  bytes: Uint8Array;
  filename: string;
  /** all-or-nothing: one rejected row and nothing is written; apply-valid: valid rows are written. */
  mode: 'all-or-nothing' | 'apply-valid';
  includeNonSchools?: boolean;
  /** Id of a run the caller already recorded (to poll it); a new run is recorded otherwise. */
  runId?: string;
  onProgress?: (processed: number, total: number) => void;
  /** The authority's competence: rows outside it are reported and skipped unless confirmed. */
  scope?: { competence: Competence; confirmOutOfScope: boolean };
  /** Counts what applying would do, with the first rows of each outcome, and writes nothing. */
  preview?: boolean;
  /** Staged rows merged per statement (the bench measures other sizes); importBatchSize otherwise. */
  batchSize?: number;
}

export interface ImportReport {
  runId: string;
  format: EstablishmentFileFormat;
  status: 'applied' | 'refused' | 'previewed';
  totals: { rows: number; created: number; updated: number; unchanged: number; rejected: number; skipped: number };
  rejected: RowIssue[];
  skipped: RowIssue[];
  /** Valid rows outside the authority's competence (written only when confirmed). */
  outOfScope: RowIssue[];
  outOfScopeConfirmed: boolean;
  /** A preview's first rows of each outcome. */
  samples?: Record<'created' | 'updated' | 'unchanged', RowSample[]>;
}

/**
 * Staged rows merged per statement. Measured on PostgreSQL (66,000 rows into a new authority, then
 * 5 % changed; batches of 1,000 to 70,000): the database's CPU stays within noise (7.1-8.1 s new,
 * 1.2-1.5 s changed), so the size is chosen for progress reports every few percent.
 */
export const importBatchSize = 2000;

const analyzeAfterCreated = 5000;

type RunKey = { tenantId: string; id: string };

/**
 * Imports an establishment file into a tenant. A file that cannot be read at all throws
 * AppError (the run is recorded as refused); otherwise returns the row-by-row report.
 */
export async function importEstablishments(ctx: Ctx, input: ImportEstablishmentsInput): Promise<ImportReport> {
  const database = bulkDatabase(ctx);
  const key: RunKey = { tenantId: input.tenantId, id: input.runId ?? randomUUID() };
  const createdBy = ctx.actor?.label ?? 'Système';
  await openImportRun(database.db, { ...key, filename: input.filename, mode: input.mode, createdBy, now: ctx.now() });
  const stored = await selectSourceHashes(database.db, key.tenantId);
  const { parsed, storedLines } = await parseOrRecordRefusal(ctx, database.db, key, input, stored);
  const { kept, outOfScope } = splitByCompetence(parsed.rows, input.scope);
  const report = { ...initialReport(key.id, parsed), outOfScope, outOfScopeConfirmed: outOfScope.length > 0 && Boolean(input.scope?.confirmOutOfScope) };
  if (input.preview) return finishPreview(ctx, database.db, key, report, kept, stored);
  const total = parsed.rows.length;
  const alreadyDone = total - kept.length;
  await updateImportRun(database.db, key, { format: parsed.format, total, processed: alreadyDone });
  input.onProgress?.(alreadyDone, total);
  if (report.totals.rejected > 0 && input.mode === 'all-or-nothing') {
    return finish(ctx, database.db, key, { ...report, status: 'refused' });
  }
  let counts: { created: number; updated: number };
  try {
    counts = await writeRecords(ctx, database, key, { kept, stored, storedLines }, input.batchSize ?? importBatchSize, async (db, written) => {
      await updateImportRun(db, key, { processed: alreadyDone + written });
      input.onProgress?.(alreadyDone + written, total);
    });
  } catch (error) {
    await finishImportRun(database.db, key, { status: 'failed', finishedAt: ctx.now(), error: messageOf(error) });
    throw error;
  }
  const totals = { ...report.totals, ...counts, unchanged: kept.length - counts.created - counts.updated };
  // a tenant's first import changes what the planner must know of it (lists, the next import)
  if (counts.created >= analyzeAfterCreated) {
    await database.db.execute(sql`ANALYZE referentiel.establishments`);
    // rows wait in the trigram index's pending list until a vacuum: merged now, or every search reads the
    // whole list and the planner, costing it, prefers to filter the tenant row by row
    await database.db.execute(sql`SELECT gin_clean_pending_list('referentiel.establishments_search_idx'::regclass)`);
  }
  ctx.cache.invalidate(establishmentTotals);
  ctx.cache.invalidate(establishmentDirectoryCache, key.tenantId);
  return finish(ctx, database.db, key, { ...report, totals });
}

async function parseOrRecordRefusal(
  ctx: Ctx,
  db: Db,
  key: RunKey,
  input: ImportEstablishmentsInput,
  stored: Map<string, string | null>,
): Promise<{ parsed: ParsedEstablishmentFile; storedLines: StoredLines }> {
  try {
    const storedLines = await loadKnownLines(db, key.tenantId, stored);
    return { parsed: parseEstablishmentFile(input.bytes, { includeNonSchools: input.includeNonSchools, known: storedLines.known }), storedLines };
  } catch (error) {
    const status = error instanceof AppError ? 'refused' : 'failed';
    await finishImportRun(db, key, { status, finishedAt: ctx.now(), error: messageOf(error) });
    throw error;
  }
}

async function finishPreview(ctx: Ctx, db: Db, key: RunKey, report: ImportReport, kept: ParsedRow[], stored: Map<string, string | null>): Promise<ImportReport> {
  const { counts, samples } = previewOutcomes(kept, stored);
  return finish(ctx, db, key, { ...report, status: 'previewed', totals: { ...report.totals, ...counts }, samples });
}

function messageOf(error: unknown): string {
  return error instanceof AppError ? error.message : "Erreur interne pendant l'import.";
}

function initialReport(runId: string, parsed: ParsedEstablishmentFile): ImportReport {
  const issues = (status: 'rejected' | 'skipped') =>
    parsed.rows.filter((row) => row.status === status).map(({ line, uai, reason }) => ({ line, uai, reason: reason ?? '' }));
  const rejected = issues('rejected');
  const skipped = issues('skipped');
  return {
    runId,
    format: parsed.format,
    status: 'applied',
    totals: { rows: parsed.rows.length, created: 0, updated: 0, unchanged: 0, rejected: rejected.length, skipped: skipped.length },
    rejected,
    skipped,
    outOfScope: [],
    outOfScopeConfirmed: false,
  };
}

async function finish(ctx: Ctx, db: Db, key: RunKey, report: ImportReport): Promise<ImportReport> {
  await finishImportRun(db, key, {
    status: report.status,
    finishedAt: ctx.now(),
    report,
    processed: report.totals.rows,
    total: report.totals.rows,
  });
  ctx.log.info({ runId: key.id, format: report.format, status: report.status, totals: report.totals }, 'establishment import finished');
  return report;
}

/**
 * Writes the new and changed records in one transaction: the records whose source hash is not
 * stored yet are staged by COPY, then merged batch by batch with set-based statements; then the
 * file's lines are kept for the next import. Progress goes through another connection on a server
 * so pollers see it; PGlite has a single session, so there it stays in the transaction.
 */
async function writeRecords(
  ctx: Ctx,
  database: Database,
  key: RunKey,
  { kept, stored, storedLines }: { kept: ParsedRow[]; stored: Map<string, string | null>; storedLines: StoredLines },
  batchSize: number,
  progress: (db: Db, written: number) => Promise<void>,
): Promise<{ created: number; updated: number }> {
  const actor = ctx.actor ? { type: ctx.actor.kind, id: ctx.actor.id, label: ctx.actor.label } : { type: 'system', id: null, label: 'Système' };
  const base = { tenantId: key.tenantId, now: ctx.now(), actor, requestId: ctx.requestId, runId: key.id };
  const { staged, lines } = stagedItems(kept, stored);
  return database.bulkTransaction(async (session) => {
    const progressDb = database.kind === 'pglite' ? session.db : database.db;
    // the merges' CTE joins are costed far above jit_above_cost: compiling them cost more than it saved (measured on the update of 5 %)
    await session.db.execute(sql`SET LOCAL jit = off`);
    const ranges = await stageEstablishments(session, staged);
    if (ranges.updates.to > ranges.updates.from) await analyzeIfUnknown(session.db, key.tenantId, stored.size);
    const counts = { created: 0, updated: 0 };
    // unchanged records count as done from the start: progress runs over the staged ones
    const done = (batch: StagedRange) => progress(progressDb, kept.length - staged.length + batch.to);
    for (const batch of batchesOf(ranges.updates, batchSize)) {
      counts.updated += await mergeEstablishments(session.db, 'update', { ...base, ...batch });
      await done(batch);
    }
    for (const batch of batchesOf(ranges.inserts, batchSize)) {
      counts.created += await mergeEstablishments(session.db, 'insert', { ...base, ...batch });
      await done(batch);
    }
    // a file without lines (JSON) leaves the index of the last CSV: its entries stay true while their records are stored;
    // a file whose every line is a stored one read again leaves it as it is
    if (lines.length > 0 && !sameAsStored(lines, storedLines)) await saveKnownLines(session.db, key.tenantId, lines, base.now);
    return counts;
  });
}

/** The records to stage (new, or whose hash changed), and every kept line with the hash of its record. */
function stagedItems(kept: ParsedRow[], stored: Map<string, string | null>) {
  const staged: StagedItem[] = [];
  const lines: LineIndexEntry[] = [];
  for (const row of kept) {
    const sourceHash = row.unchanged?.recordHash ?? recordHash(row.record!);
    if (row.lineHash) lines.push({ uai: row.uai, lineHash: row.lineHash, recordHash: sourceHash, summary: row.unchanged?.summary ?? summaryOf(row.record!) });
    const record = row.record;
    if (!record) continue;
    const known = stored.has(record.uai);
    if (known && stored.get(record.uai) === sourceHash) continue;
    const searchText = searchKey(record.name, record.uai, record.communeName, record.postalCode);
    staged.push({ record, searchText, sourceHash, known });
  }
  return { staged, lines };
}
