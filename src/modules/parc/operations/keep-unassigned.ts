import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { unassignedReports } from '../db/schema.js';
import type { InventoryReport } from '../inventory/index.js';
import type { AgentIntakeSettings } from '../jobs/agent-intake.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export interface UnassignedOrigin {
  remoteAddress: string;
  receivedAt: Date;
}

/**
 * Keeps a report nobody claims, one row per agent (its new report replaces the previous one).
 * The queue is open to anyone who can reach the endpoint without credentials, so it is capped:
 * a new row beyond `unassignedMax` rows in all, or beyond `unassignedPerAddressPerHour` rows
 * from one address in the last hour, is refused (429) and nothing is stored. Rows older than
 * `unassignedKeepDays` go at each insertion. Insertions are serialised (one advisory lock), so
 * the caps hold under concurrent agents.
 */
export async function keepUnassigned(
  ctx: Ctx,
  database: Database,
  settings: AgentIntakeSettings,
  origin: UnassignedOrigin,
  report: InventoryReport,
) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('parc.unassigned_reports'))`);
    await purgeExpiredUnassigned(tx, settings, ctx.now());
    await tx.delete(unassignedReports).where(eq(unassignedReports.deviceId, report.deviceId));
    await checkCaps(tx, settings, origin, ctx.now());
    await insertUnassigned(tx, origin, report);
  });
}

/** For a report already acknowledged (the inbox worker): kept whatever the caps. */
export async function insertUnassigned(db: Db, origin: UnassignedOrigin, report: InventoryReport) {
  await db.delete(unassignedReports).where(eq(unassignedReports.deviceId, report.deviceId));
  await db.insert(unassignedReports).values({
    receivedAt: origin.receivedAt,
    source: report.source,
    deviceId: report.deviceId,
    tag: report.tag,
    remoteAddress: origin.remoteAddress,
    report: { ...report, lastLoggedUser: null }, // no tenant has asked to keep it
  });
}

export async function purgeExpiredUnassigned(db: Db, settings: AgentIntakeSettings, now: Date): Promise<number> {
  const deleted = await db
    .delete(unassignedReports)
    .where(lt(unassignedReports.receivedAt, new Date(now.getTime() - settings.unassignedKeepDays * dayMs)))
    .returning({ id: unassignedReports.id });
  return deleted.length;
}

async function checkCaps(db: Db, settings: AgentIntakeSettings, origin: UnassignedOrigin, now: Date) {
  const [all] = await db.select({ n: count() }).from(unassignedReports);
  if (all.n >= settings.unassignedMax) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `File des rapports non rattachés pleine (${settings.unassignedMax} rapports) : rapport refusé, rien n’a été enregistré. Configurez des identifiants dans l’agent ou faites rattacher les rapports en attente.`,
    );
  }
  const [fromAddress] = await db
    .select({ n: count() })
    .from(unassignedReports)
    .where(and(eq(unassignedReports.remoteAddress, origin.remoteAddress), gte(unassignedReports.receivedAt, new Date(now.getTime() - hourMs))));
  if (fromAddress.n >= settings.unassignedPerAddressPerHour) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Trop de rapports non rattachés venus de l’adresse ${origin.remoteAddress} depuis une heure (au plus ${settings.unassignedPerAddressPerHour}) : rapport refusé, rien n’a été enregistré. Configurez des identifiants dans l’agent.`,
    );
  }
}
