import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { BulkSession, Database, Db } from '../../../server/platform/db.js';
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
  type MergeBatch,
  type StagedItem,
  type StagedRange,
} from '../db/upsert-establishments.js';
import { searchKey, type EstablishmentRecord } from '../establishment-record.js';
import { readEstablishmentFile, type EstablishmentFileReader } from '../import/parse-establishment-file.js';
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
  /** Called once an applied file's report is recorded, before the statistics and the search index are brought up to date (the import returns then). */
  onApplied?: (report: ImportReport) => void;
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
  const { file, storedLines } = await recordingRefusal(ctx, database.db, key, async () => {
    const storedLines = await loadKnownLines(database.db, key.tenantId, stored);
    return { file: readEstablishmentFile(input.bytes, { includeNonSchools: input.includeNonSchools, known: storedLines.known }), storedLines };
  });
  if (input.preview) return preview(ctx, database.db, key, input, file, stored);
  await updateImportRun(database.db, key, { format: file.format, total: file.expectedRows, processed: 0 });
  input.onProgress?.(0, file.expectedRows);
  const progress = async (db: Db, processed: number) => {
    await updateImportRun(db, key, { processed });
    input.onProgress?.(processed, file.expectedRows);
  };
  const rows = new ReportRows(file.format, input.scope);
  let counts: { created: number; updated: number };
  try {
    counts = await writeRecords(ctx, database, key, { file, rows, stored, storedLines, mode: input.mode }, input.batchSize ?? importBatchSize, progress);
  } catch (error) {
    if (error instanceof RefusedFile) return finish(ctx, database.db, key, { ...rows.report(key.id), status: 'refused' });
    await finishImportRun(database.db, key, { status: error instanceof AppError ? 'refused' : 'failed', finishedAt: ctx.now(), error: messageOf(error) });
    throw error;
  }
  const report = rows.report(key.id);
  input.onProgress?.(report.totals.rows, report.totals.rows);
  const totals = { ...report.totals, ...counts, unchanged: rows.kept - counts.created - counts.updated };
  establishmentsChanged(ctx);
  ctx.cache.invalidate(establishmentDirectoryCache, key.tenantId);
  const applied = await finish(ctx, database.db, key, { ...report, totals });
  input.onApplied?.(applied);
  if (counts.created >= analyzeAfterCreated) await settleAfterFirstImport(database.db);
  return applied;
}

/**
 * After a tenant's first import (thousands of new schools), once its report is recorded so the
 * person does not wait for them (4–7 s under load): the rows its transaction left in the trigram
 * index's pending list (until a vacuum) merged, or every search reads the whole list and the planner,
 * costing it, prefers to filter the tenant row by row; then the statistics its lists, searches and
 * next import are planned on.
 */
async function settleAfterFirstImport(db: Db): Promise<void> {
  await db.execute(sql`SELECT gin_clean_pending_list('referentiel.establishments_search_idx'::regclass)`);
  await db.execute(sql`ANALYZE referentiel.establishments`);
}

/** Runs `work`; a failure is recorded on the run (refused for an AppError, failed otherwise) and thrown again. */
async function recordingRefusal<T>(ctx: Ctx, db: Db, key: RunKey, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const status = error instanceof AppError ? 'refused' : 'failed';
    await finishImportRun(db, key, { status, finishedAt: ctx.now(), error: messageOf(error) });
    throw error;
  }
}

async function preview(
  ctx: Ctx,
  db: Db,
  key: RunKey,
  input: ImportEstablishmentsInput,
  file: EstablishmentFileReader,
  stored: Map<string, string | null>,
): Promise<ImportReport> {
  const rows = new ReportRows(file.format, input.scope);
  const kept = await recordingRefusal(ctx, db, key, async () => {
    const all: ParsedRow[] = [];
    for (const batch of file.batches()) all.push(...rows.add(batch));
    return all;
  });
  const { counts, samples } = previewOutcomes(kept, stored);
  const report = rows.report(key.id);
  return finish(ctx, db, key, { ...report, status: 'previewed', totals: { ...report.totals, ...counts }, samples });
}

function messageOf(error: unknown): string {
  return error instanceof AppError ? error.message : "Erreur interne pendant l'import.";
}

/** The report's rows as the file's batches are read: rejected, skipped, outside the competence. */
class ReportRows {
  private readonly rejected: RowIssue[] = [];
  private readonly skipped: RowIssue[] = [];
  private readonly outOfScope: RowIssue[] = [];
  private rows = 0;
  kept = 0;

  constructor(
    private readonly format: EstablishmentFileFormat,
    private readonly scope: ImportEstablishmentsInput['scope'],
  ) {}

  /** Counts a batch; returns its rows to write (valid, and in scope or confirmed). */
  add(batch: ParsedRow[]): ParsedRow[] {
    this.rows += batch.length;
    for (const row of batch) {
      if (row.status === 'rejected') this.rejected.push(issueOf(row));
      else if (row.status === 'skipped') this.skipped.push(issueOf(row));
    }
    const { kept, outOfScope } = splitByCompetence(batch, this.scope);
    this.outOfScope.push(...outOfScope);
    this.kept += kept.length;
    return kept;
  }

  get hasRejected(): boolean {
    return this.rejected.length > 0;
  }

  report(runId: string): ImportReport {
    return {
      runId,
      format: this.format,
      status: 'applied',
      totals: { rows: this.rows, created: 0, updated: 0, unchanged: 0, rejected: this.rejected.length, skipped: this.skipped.length },
      rejected: this.rejected,
      skipped: this.skipped,
      outOfScope: this.outOfScope,
      outOfScopeConfirmed: this.outOfScope.length > 0 && Boolean(this.scope?.confirmOutOfScope),
    };
  }
}

const issueOf = ({ line, uai, reason }: ParsedRow): RowIssue => ({ line, uai, reason: reason ?? '' });

/** An all-or-nothing file with a rejected row: what its transaction wrote is rolled back. */
class RefusedFile extends Error {}

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

interface WriteInput {
  file: EstablishmentFileReader;
  rows: ReportRows;
  stored: Map<string, string | null>;
  storedLines: StoredLines;
  mode: ImportEstablishmentsInput['mode'];
}

/**
 * Writes the new and changed records in one transaction, as the file is read: each batch of new
 * records is staged by COPY and merged with set-based statements while Node reads the next rows
 * (one session: the queued statements run in order, each started as soon as Node yields), so
 * PostgreSQL starts on the first rows instead of after the whole file. The known records whose
 * hash changed are staged together at the end and analyzed (their merge joins the tenant's rows);
 * then the file's lines are kept for the next import. An all-or-nothing file with a rejected row
 * stops the writes, is read to its end for the report, and its transaction is rolled back
 * (RefusedFile). Progress goes through another connection on a server so pollers see it; PGlite
 * has a single session, so there it stays in the transaction.
 */
async function writeRecords(
  ctx: Ctx,
  database: Database,
  key: RunKey,
  { file, rows, stored, storedLines, mode }: WriteInput,
  batchSize: number,
  progress: (db: Db, processed: number) => Promise<void>,
): Promise<{ created: number; updated: number }> {
  const actor = ctx.actor ? { type: ctx.actor.kind, id: ctx.actor.id, label: ctx.actor.label } : { type: 'system', id: null, label: 'Système' };
  const base = { tenantId: key.tenantId, now: ctx.now(), actor, requestId: ctx.requestId, runId: key.id };
  return database.bulkTransaction(async (session) => {
    const progressDb = database.kind === 'pglite' ? session.db : database.db;
    // the merges' CTE joins are costed far above jit_above_cost: compiling them cost more than it saved (measured on the update of 5 %)
    await session.db.execute(sql`SET LOCAL jit = off`);
    await createStage(session.db);
    const writer = new StagedWriter(session, base, batchSize, (processed) => progress(progressDb, processed));
    const sorted = new SortedRows(stored);
    try {
      for (const batch of file.batches()) {
        const kept = rows.add(batch);
        writer.settled += batch.length - kept.length;
        if (rows.hasRejected && mode === 'all-or-nothing') continue;
        const { fresh, unchanged } = sorted.add(kept);
        writer.settled += unchanged;
        writer.insert(fresh);
        // lets the queued statements start and their results come in before the next batch is read
        await new Promise((resume) => setImmediate(resume));
      }
    } catch (error) {
      await writer.stop();
      throw error;
    }
    if (rows.hasRejected && mode === 'all-or-nothing') {
      await writer.stop();
      throw new RefusedFile();
    }
    // a file without lines (JSON) leaves the index of the last CSV: its entries stay true while their records are stored;
    // a file whose every line is a stored one read again leaves it as it is. Built while the last batches are merged.
    writer.flush();
    const lines = sorted.lines;
    const index = lines.length > 0 && !sameAsStored(lines, storedLines) ? writeLineIndex(lines) : null;
    await writer.finishInserts();
    await writer.update(sorted.updates, key.tenantId, stored.size);
    if (index !== null) await saveKnownLines(session.db, key.tenantId, index, base.now);
    return writer.counts;
  });
}

/**
 * The kept rows sorted by what the tenant has: new records, known ones whose hash changed
 * (updates), unchanged ones; and every kept line with the hash of its record, for the index of
 * lines. Each hash is computed once.
 */
class SortedRows {
  readonly updates: StagedItem[] = [];
  readonly lines: LineIndexEntry[] = [];

  constructor(private readonly stored: Map<string, string | null>) {}

  add(kept: ParsedRow[]): { fresh: StagedItem[]; unchanged: number } {
    const fresh: StagedItem[] = [];
    let unchanged = 0;
    for (const row of kept) {
      const record = row.record;
      const hash = row.unchanged?.recordHash ?? recordHash(record!);
      if (row.lineHash) this.lines.push({ uai: row.uai, lineHash: row.lineHash, recordHash: hash, summary: row.unchanged?.summary ?? summaryOf(record!) });
      if (!record) unchanged++;
      else if (!this.stored.has(record.uai)) fresh.push(stagedItem(record, hash, false));
      else if (this.stored.get(record.uai) !== hash) this.updates.push(stagedItem(record, hash, true));
      else unchanged++;
    }
    return { fresh, unchanged };
  }
}

function stagedItem(record: EstablishmentRecord, sourceHash: string, known: boolean): StagedItem {
  return { record, searchText: searchKey(record.name, record.uai, record.communeName, record.postalCode), sourceHash, known };
}

type MergeBase = Omit<MergeBatch, 'from' | 'to'>;

/**
 * Stages and merges records in batches of `batchSize` (one audit event per batch of created rows),
 * the new ones queued as they come, each batch's COPY and merge started as soon as the previous one
 * is done. Progress counts the rows settled without a write and the rows merged.
 */
class StagedWriter {
  readonly counts = { created: 0, updated: 0 };
  /** rows done without a write: rejected, skipped, outside the competence, unchanged */
  settled = 0;
  private merged = 0;
  private after = 0;
  private waiting: StagedItem[] = [];
  private queue = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly session: BulkSession,
    private readonly base: MergeBase,
    private readonly batchSize: number,
    private readonly progress: (processed: number) => Promise<void>,
  ) {}

  /** New records: queued a full batch at a time. */
  insert(items: StagedItem[]): void {
    this.waiting.push(...items);
    while (this.waiting.length >= this.batchSize) this.queueInserts(this.waiting.splice(0, this.batchSize));
  }

  /** The last new records queued, however few. */
  flush(): void {
    if (this.waiting.length > 0) this.queueInserts(this.waiting.splice(0));
  }

  /** Every new record queued, and every queued statement done (its error thrown). */
  async finishInserts(): Promise<void> {
    this.flush();
    await this.queue;
  }

  /** No more statements: the queued ones not started are dropped; resolves when the running one is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue.catch(() => undefined);
  }

  /** Known records whose hash changed: staged together, analyzed, merged a batch at a time. */
  async update(items: StagedItem[], tenantId: string, tenantRows: number): Promise<void> {
    if (items.length === 0) return;
    const staged = stageBatch(this.session, items, this.after, this.after > 0);
    this.after = staged.range.to;
    await staged.copy();
    await analyzeStage(this.session.db);
    await analyzeIfUnknown(this.session.db, tenantId, tenantRows);
    for (const batch of batchesOf(staged.range, this.batchSize)) {
      const written = await mergeEstablishments(this.session.db, 'update', { ...this.base, ...batch });
      this.counts.updated += written;
      await this.merge(batch);
    }
  }

  private queueInserts(items: StagedItem[]): void {
    // each batch is staged alone (the rows before it are merged)
    const staged = stageBatch(this.session, items, this.after, true);
    this.after = staged.range.to;
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      await staged.copy();
      this.counts.created += await mergeEstablishments(this.session.db, 'insert', { ...this.base, ...staged.range });
      await this.merge(staged.range);
    });
    // a failed statement stops the queue; the error is thrown where the queue is awaited
    this.queue.catch(() => undefined);
  }

  private async merge(range: StagedRange): Promise<void> {
    this.merged += range.to - range.from;
    await this.progress(this.settled + this.merged);
  }
}
