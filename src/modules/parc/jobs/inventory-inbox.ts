import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { rows } from '../../../server/platform/db.js';
import { inventoryInbox, unassignedReports } from '../db/schema.js';
import { inventoryReportSchema, type InventoryReport } from '../inventory/index.js';
import { ingestReport } from '../operations/ingest-report.js';
import { insertUnassigned } from '../operations/keep-unassigned.js';
import { identifyAgent, tenantById, type AgentTenant } from '../operations/resolve-agent-tenant.js';
import { databaseErrorOf } from '../../../server/platform/database-errors.js';

/**
 * The durable queue behind the "pending" answer: a report the endpoint could not store at once
 * (too many ingestions running, or a transient database error: deadlock, serialization failure,
 * lock timeout) is committed here first, and only then acknowledged. The worker stores it later
 * with the same ingestion as the endpoint (idempotent: a report stored twice leaves one device).
 *
 * The body is the decoded, validated, normalised report (JSON of InventoryReport), checked again
 * against its schema when read. The last logged-in user is dropped before queuing unless the
 * authority asked to keep it. `credentials_tenant_id` is set when the agent's credentials were
 * verified on arrival (the password is not kept); otherwise the worker finds the authority again
 * by tag or address, as the endpoint would, and a report nobody claims goes to the unassigned queue.
 *
 * Exactly once: a row is deleted inside the device's transaction (ingestReport's
 * withinTransaction), with `for update skip locked`: a second worker on the same row finds
 * nothing to delete and rolls its work back. A crash before the commit leaves the row for the
 * next drain (the startup drain, or the pg-boss job). A failure is counted and its message kept
 * (attempts, last_error) and the row is tried again at the next drain.
 */
export const inboxContentType = 'application/vnd.coherence.inventory-report+json';

export interface QueuedReport {
  report: InventoryReport;
  tenant: AgentTenant;
  remoteAddress: string;
}

export async function queueReport(ctx: Ctx, db: Db, queued: QueuedReport): Promise<{ id: string; requestId: string }> {
  const report = queued.tenant.storeLastUser ? queued.report : { ...queued.report, lastLoggedUser: null };
  const [row] = await db
    .insert(inventoryInbox)
    .values({
      receivedAt: ctx.now(),
      source: report.source,
      contentType: inboxContentType,
      remoteAddress: queued.remoteAddress,
      credentialsTenantId: queued.tenant.how === 'credentials' ? queued.tenant.tenantId : null,
      body: Buffer.from(JSON.stringify(report)),
    })
    .returning({ id: inventoryInbox.id });
  return { id: row.id, requestId: requestIdOf(row.id) };
}

/**
 * GLPI Agent's request id (GLPI-Request-ID, eight upper-case hex digits): the first eight of the
 * row's id. The agent sends it back when it asks again after "pending" (HTTP/Client/GLPI.pm).
 */
export function requestIdOf(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

/** Whether a queued report is still waiting (false: stored, or no such request). */
export async function isStillQueued(db: Db, requestId: string): Promise<boolean> {
  if (!/^[0-9A-F]{8}$/.test(requestId)) return false;
  const low = `${requestId.toLowerCase()}-0000-0000-0000-000000000000`;
  const high = `${requestId.toLowerCase()}-ffff-ffff-ffff-ffffffffffff`;
  const found = await rows<{ id: string }>(db, sql`select id from parc.inventory_inbox where id between ${low}::uuid and ${high}::uuid limit 1`);
  return found.length > 0;
}

class AlreadyTaken extends Error {}

export interface DrainResult {
  stored: number;
  unassigned: number;
  failed: number;
  /** Rows another worker was storing at the same moment (left to it). */
  taken: number;
}

/**
 * Stores every queued report, oldest first, one at a time (a report can hold thousands of
 * software lines: bodies are read one by one). One pass: a row that fails waits for the next drain.
 */
export async function drainInbox(ctx: Ctx, options: { stopping?: () => boolean } = {}): Promise<DrainResult> {
  const database = bulkDatabase(ctx);
  const result: DrainResult = { stored: 0, unassigned: 0, failed: 0, taken: 0 };
  let after: { receivedAt: Date; id: string } | null = null;
  while (!options.stopping?.()) {
    const batch: { id: string; receivedAt: Date }[] = await database.db
      .select({ id: inventoryInbox.id, receivedAt: inventoryInbox.receivedAt })
      .from(inventoryInbox)
      .where(
        after
          ? or(gt(inventoryInbox.receivedAt, after.receivedAt), and(eq(inventoryInbox.receivedAt, after.receivedAt), gt(inventoryInbox.id, after.id)))
          : undefined,
      )
      .orderBy(asc(inventoryInbox.receivedAt), asc(inventoryInbox.id))
      .limit(50);
    if (batch.length === 0) break;
    for (const { id } of batch) {
      if (options.stopping?.()) break;
      const outcome = await processRow(ctx, database, id);
      result[outcome]++;
    }
    after = batch[batch.length - 1];
  }
  return result;
}

async function processRow(ctx: Ctx, database: Database, id: string): Promise<keyof DrainResult> {
  const [row] = await database.db.select().from(inventoryInbox).where(eq(inventoryInbox.id, id));
  if (!row) return 'taken';
  try {
    const report = inventoryReportSchema.parse(JSON.parse(Buffer.from(row.body).toString('utf8')) /* PGlite reads bytea as a Uint8Array */);
    const tenant = await tenantOf({ db: database.db, cache: ctx.cache }, row, report);
    const consume = (tx: Db) => consumeRow(tx, id);
    if (!tenant) {
      await database.db.transaction(async (tx) => {
        await consume(tx);
        await insertUnassigned(tx, { remoteAddress: row.remoteAddress ?? '', receivedAt: row.receivedAt }, report);
      });
      return 'unassigned';
    }
    await ingestReport(ctx, {
      tenantId: tenant.tenantId,
      report,
      storeLastUser: tenant.storeLastUser,
      withinTransaction: consume,
      trust: tenant.how,
      remoteAddress: row.remoteAddress ?? undefined,
    });
    await database.db.delete(unassignedReports).where(eq(unassignedReports.deviceId, report.deviceId));
    return 'stored';
  } catch (error) {
    if (error instanceof AlreadyTaken) return 'taken';
    const message = failureText(error);
    ctx.log.warn({ err: error, inboxId: id }, 'inventaire en file : échec, nouvel essai au prochain passage');
    await database.db
      .update(inventoryInbox)
      .set({ attempts: sql`${inventoryInbox.attempts} + 1`, lastError: message.slice(0, 2000) })
      .where(eq(inventoryInbox.id, id));
    return 'failed';
  }
}

async function tenantOf(on: { db: Db; cache: Ctx['cache'] }, row: typeof inventoryInbox.$inferSelect, report: InventoryReport): Promise<AgentTenant | null> {
  if (row.credentialsTenantId) return tenantById(on.db, row.credentialsTenantId);
  const who = await identifyAgent(on, { authorization: undefined, tag: report.tag, remoteAddress: row.remoteAddress ?? '' });
  return who.ok ? who.tenant : null;
}

/** Deletes the row in the caller's transaction, unless another worker holds or already deleted it. */
async function consumeRow(tx: Db, id: string) {
  const deleted = await rows<{ id: string }>(
    tx,
    sql`delete from parc.inventory_inbox
         where id = (select id from parc.inventory_inbox where id = ${id} for update skip locked)
        returning id`,
  );
  if (deleted.length === 0) throw new AlreadyTaken();
}

/**
 * What went wrong, short: the database's own message and SQLSTATE (drizzle wraps it in a
 * "Failed query: …" error that repeats the statement and the report's values).
 */
function failureText(error: unknown): string {
  const database = databaseErrorOf(error);
  if (database) return `${database.message} (${database.code})`;
  return error instanceof Error ? error.message : String(error);
}
