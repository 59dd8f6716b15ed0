import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { unassignedReports } from '../db/schema.js';
import { inventoryReportSchema } from '../inventory/inventory-report.js';
import { findUnassignedReports } from './find-unassigned-reports.js';
import { readInventorySettings } from './get-inventory-settings.js';
import { ingestReport, type IngestResult } from './ingest-report.js';

export const unassignedParams = z.object({ id: z.uuid() });

/**
 * Takes a report of the unassigned queue into the caller's fleet, as if its agent had sent it
 * with the tenant's credentials (matching, history, software), then removes it from the queue.
 * Only a report the caller sees in the queue can be attached.
 */
export async function attachUnassignedReport(ctx: Ctx, input: { id: string }): Promise<IngestResult> {
  const database = bulkDatabase(ctx);
  authorize(ctx.actor, 'inventory.manage');
  const tenantId = ctx.actor.tenantId;
  const [found] = await findUnassignedReports(ctx, { limit: 1, id: input.id });
  if (!found) throw notFound('Rapport d’inventaire');
  const parsed = inventoryReportSchema.safeParse(found.row.report);
  if (!parsed.success) throw new AppError('UNPROCESSABLE', 'Ce rapport d’inventaire est illisible : il ne peut pas être rattaché.');
  const settings = await readInventorySettings(ctx.db, tenantId);
  const result = await ingestReport(ctx, { tenantId, report: parsed.data, storeLastUser: settings.storeLastUser });
  await ctx.db.transaction(async (tx) => {
    await tx.delete(unassignedReports).where(eq(unassignedReports.id, input.id));
    await recordAudit(ctx, tx, [
      {
        tenantId,
        action: 'attach-report',
        entityType: 'asset',
        entityId: result.assetId,
        after: { reportId: input.id, deviceId: found.row.deviceId, source: found.row.source, created: result.created },
      },
    ]);
  });
  return result;
}
