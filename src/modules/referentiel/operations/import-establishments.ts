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
  analyzeStage,
  batchesOf,
  createStage,
  mergeEstablishments,
  stageBatch,
  type StagedItem,
  type StagedRange,
} from '../db/upsert-establishments.js';
import { searchKey } from '../establishment-record.js';
import { parseEstablishmentFile, type ParsedEstablishmentFile } from '../import/parse-establishment-file.js';
import type { EstablishmentFileFormat, ParsedRow } from '../import/parsed-row.js';
import { recordHash } from '../import/record-hash.js';
import { summaryOf, writeLineIndex, type LineIndexEntry } from '../import/known-lines.js';
import { establishmentsChanged } from './find-establishments-cached.js';
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
  establishmentsChanged(ctx);
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
 * Writes the new and changed records in one transaction, staged by COPY and merged batch by batch
 * with set-based statements; then the file's lines are kept for the next import. The known rows
 * come first, staged and analyzed together (their merge joins the tenant's rows). The new ones are
 * staged a batch at a time, each batch's COPY and merge queued while the next batch is built, so
 * Node's work on the rows (hashes, CSV) and the index of lines run beside PostgreSQL's inserts
 * instead of before them. Progress goes through another connection on a server so pollers see it;
 * PGlite has a single session, so there it stays in the transaction.
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
  const rows = new StagedRows(kept, stored);
  return database.bulkTransaction(async (session) => {
    const progressDb = database.kind === 'pglite' ? session.db : database.db;
    // the merges' CTE joins are costed far above jit_above_cost: compiling them cost more than it saved (measured on the update of 5 %)
    await session.db.execute(sql`SET LOCAL jit = off`);
    await createStage(session.db);
    const counts = { created: 0, updated: 0 };
    // unchanged records count as done from the start: progress runs over the staged ones
    const unstaged = kept.length - rows.stagedCount;
    const done = (batch: StagedRange) => progress(progressDb, unstaged + batch.to);
    const updates = rows.updates();
    if (updates.length > 0) {
      const staged = stageBatch(session, updates, 0, false);
      await staged.copy();
      await analyzeStage(session.db);
      await analyzeIfUnknown(session.db, key.tenantId, stored.size);
      for (const batch of batchesOf(staged.range, batchSize)) {
        counts.updated += await mergeEstablishments(session.db, 'update', { ...base, ...batch });
        await done(batch);
      }
    }
    // one session: the queued statements run in order, each started as soon as Node yields; each batch
    // is staged alone (the known rows before it are merged)
    let queue = Promise.resolve();
    let after = updates.length;
    for (const items of rows.inserts(batchSize)) {
      const staged = stageBatch(session, items, after, true);
      after = staged.range.to;
      queue = queue.then(async () => {
        await staged.copy();
        counts.created += await mergeEstablishments(session.db, 'insert', { ...base, ...staged.range });
        await done(staged.range);
      });
      // a failed statement stops the queue; the error is thrown where the queue is awaited
      queue.catch(() => undefined);
      await new Promise((resume) => setImmediate(resume));
    }
    // a file without lines (JSON) leaves the index of the last CSV: its entries stay true while their records are stored;
    // a file whose every line is a stored one read again leaves it as it is
    const lines = rows.lines();
    const index = lines.length > 0 && !sameAsStored(lines, storedLines) ? writeLineIndex(lines) : null;
    await queue;
    if (index !== null) await saveKnownLines(session.db, key.tenantId, index, base.now);
    return counts;
  });
}

/**
 * The kept rows as the staging sees them: the records to stage (new, or whose hash changed) and
 * every kept line with the hash of its record, each hash computed once, when first needed.
 */
class StagedRows {
  private readonly hashes: (string | undefined)[];
  private readonly known: number[] = [];
  private readonly fresh: number[] = [];
  stagedCount = 0;

  constructor(
    private readonly kept: ParsedRow[],
    private readonly stored: Map<string, string | null>,
  ) {
    this.hashes = new Array<string | undefined>(kept.length);
    kept.forEach((row, i) => {
      if (!row.record) return;
      if (!stored.has(row.record.uai)) this.fresh.push(i);
      else if (stored.get(row.record.uai) !== this.hashAt(i)) this.known.push(i);
    });
    this.stagedCount = this.known.length + this.fresh.length;
  }

  private hashAt(i: number): string {
    const row = this.kept[i];
    return (this.hashes[i] ??= row.unchanged?.recordHash ?? recordHash(row.record!));
  }

  private item(i: number, known: boolean): StagedItem {
    const record = this.kept[i].record!;
    const searchText = searchKey(record.name, record.uai, record.communeName, record.postalCode);
    return { record, searchText, sourceHash: this.hashAt(i), known };
  }

  /** The known records whose hash changed. */
  updates(): StagedItem[] {
    return this.known.map((i) => this.item(i, true));
  }

  /** The new records, a batch at a time. */
  *inserts(size: number): Generator<StagedItem[]> {
    for (let from = 0; from < this.fresh.length; from += size) yield this.fresh.slice(from, from + size).map((i) => this.item(i, false));
  }

  /** Every kept line in file order with the hash of the record it gave. */
  lines(): LineIndexEntry[] {
    const lines: LineIndexEntry[] = [];
    this.kept.forEach((row, i) => {
      if (row.lineHash) lines.push({ uai: row.uai, lineHash: row.lineHash, recordHash: this.hashAt(i), summary: row.unchanged?.summary ?? summaryOf(row.record!) });
    });
    return lines;
  }
}
