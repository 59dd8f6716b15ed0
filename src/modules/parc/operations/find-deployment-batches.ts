import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { deploymentBatches, deploymentItems } from '../db/schema.js';
import { batchCountColumns } from './batch-counts.js';
import { batchEstablishmentJoin, batchWhere, deploymentRead } from './deployment-scope.js';

export const findDeploymentsInput = z.object({
  uai: z.string().trim().min(1).max(20).optional(),
  /** Only late batches (true), or only those that are not (false). */
  late: z.enum(['true', 'false']).optional(),
  /** Delivered on or after this instant (one campaign). */
  since: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Every site's delivery batch with its progress, late ones first (the longest overdue at the top),
 * then by deadline; and the campaign's totals.
 */
export async function findDeploymentBatches(ctx: Ctx, input: z.infer<typeof findDeploymentsInput>) {
  const now = ctx.now();
  const where = and(
    batchWhere(ctx, deploymentRead),
    input.uai ? eq(establishments.uai, input.uai.toUpperCase()) : undefined,
    input.since ? gte(deploymentBatches.deliveredAt, new Date(input.since)) : undefined,
  );
  const deadline = sql`(${deploymentBatches.deliveredAt} + make_interval(hours => ${deploymentBatches.deadlineHours}))`;
  const late = sql<boolean>`(${now} > ${deadline} and count(${deploymentItems.serial}) filter (where ${deploymentItems.step} = 'in-service') < ${deploymentBatches.expectedCount})`;
  const grouped = ctx.db
    .select({
      id: deploymentBatches.id,
      establishmentId: deploymentBatches.establishmentId,
      label: deploymentBatches.label,
      assetClass: deploymentBatches.assetClass,
      expectedCount: deploymentBatches.expectedCount,
      deliveredAt: deploymentBatches.deliveredAt,
      deadlineHours: deploymentBatches.deadlineHours,
      orderReference: deploymentBatches.orderReference,
      uai: establishments.uai,
      establishmentName: establishments.name,
      unitId: establishments.unitId,
      academyCode: establishments.academyCode,
      deadlineAt: sql<Date>`${deadline}`.as('deadline_at'),
      late: late.as('late'),
      ...batchCountColumns(),
    })
    .from(deploymentBatches)
    .innerJoin(establishments, batchEstablishmentJoin)
    .leftJoin(deploymentItems, and(eq(deploymentItems.tenantId, deploymentBatches.tenantId), eq(deploymentItems.batchId, deploymentBatches.id)))
    .where(where)
    // a view hides the school's key from PostgreSQL, so the school's columns are grouped by name
    .groupBy(deploymentBatches.tenantId, deploymentBatches.id, establishments.uai, establishments.name, establishments.unitId, establishments.academyCode)
    .as('grouped');
  const filtered = input.late ? sql`${grouped.late} = ${input.late === 'true'}` : undefined;
  const [items, [summary]] = await Promise.all([
    ctx.db
      .select()
      .from(grouped)
      .where(filtered)
      .orderBy(desc(grouped.late), asc(grouped.deadlineAt), asc(grouped.uai))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db
      .select({
        batches: sql<number>`count(*)`.mapWith(Number),
        sites: sql<number>`count(distinct ${grouped.establishmentId})`.mapWith(Number),
        expected: sql<number>`coalesce(sum(${grouped.expectedCount}), 0)`.mapWith(Number),
        late: sql<number>`count(*) filter (where ${grouped.late})`.mapWith(Number),
        delivered: sql<number>`coalesce(sum(${grouped.delivered}), 0)`.mapWith(Number),
        installed: sql<number>`coalesce(sum(${grouped.installed}), 0)`.mapWith(Number),
        imaged: sql<number>`coalesce(sum(${grouped.imaged}), 0)`.mapWith(Number),
        inService: sql<number>`coalesce(sum(${grouped.inService}), 0)`.mapWith(Number),
        onTime: sql<number>`coalesce(sum(${grouped.onTime}), 0)`.mapWith(Number),
        // what the on-time rate is out of: every device of a batch past its deadline, and those already in service
        due: sql<number>`coalesce(sum(case when ${now} > ${grouped.deadlineAt} then ${grouped.expectedCount} else ${grouped.inService} end), 0)`.mapWith(Number),
      })
      .from(grouped)
      .where(filtered),
  ]);
  return { items, summary, now };
}
