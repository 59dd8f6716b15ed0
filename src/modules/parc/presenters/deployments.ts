import { z } from 'zod';
import { canOnEstablishment, type Actor } from '../../../server/platform/authz.js';
import { batchProgress, deploymentStepLabels, type DeploymentStep } from '../lifecycle/deployment-progress.js';
import { batchCountsOf, type StepCounts } from '../operations/batch-counts.js';
import type { findDeploymentBatches } from '../operations/find-deployment-batches.js';
import type { getDeploymentBatch } from '../operations/get-deployment-batch.js';
import { displayName } from '../../../shared/display-name.js';

const stepsSchema = z.object({ delivered: z.number(), installed: z.number(), imaged: z.number(), 'in-service': z.number() });

export const deploymentSummarySchema = z.object({
  id: z.string(),
  uai: z.string(),
  establishmentName: z.string(),
  label: z.string(),
  class: z.string(),
  expectedCount: z.number(),
  orderReference: z.string().nullable(),
  deliveredAt: z.string(),
  deadlineHours: z.number(),
  deadlineAt: z.string(),
  /** Devices at each step now. */
  steps: stepsSchema,
  registered: z.number(),
  inService: z.number(),
  remaining: z.number(),
  onTime: z.number(),
  onTimeShare: z.number(),
  complete: z.boolean(),
  late: z.boolean(),
  hoursLate: z.number().nullable(),
  hoursLeft: z.number().nullable(),
  permissions: z.object({ advance: z.boolean() }),
});

interface BatchFields extends StepCounts {
  id: string;
  establishmentId: string;
  uai: string;
  establishmentName: string;
  unitId: string | null;
  academyCode: string | null;
  label: string;
  assetClass: string;
  expectedCount: number;
  orderReference: string | null;
  deliveredAt: Date;
  deadlineHours: number;
}

export function presentDeploymentSummary(b: BatchFields, actor: Actor, now: Date): z.infer<typeof deploymentSummarySchema> {
  const counts = batchCountsOf(b);
  const progress = batchProgress({ expectedCount: b.expectedCount, deliveredAt: b.deliveredAt, deadlineHours: b.deadlineHours, ...counts }, now);
  return {
    id: b.id,
    uai: b.uai,
    establishmentName: displayName(b.establishmentName),
    label: b.label,
    class: b.assetClass,
    expectedCount: b.expectedCount,
    orderReference: b.orderReference,
    deliveredAt: b.deliveredAt.toISOString(),
    deadlineHours: b.deadlineHours,
    deadlineAt: progress.deadlineAt.toISOString(),
    steps: counts.steps,
    registered: progress.registered,
    inService: progress.inService,
    remaining: progress.remaining,
    onTime: counts.onTime,
    onTimeShare: progress.onTimeShare,
    complete: progress.complete,
    late: progress.late,
    hoursLate: progress.hoursLate,
    hoursLeft: progress.hoursLeft,
    permissions: { advance: canOnEstablishment(actor, 'asset.update', { id: b.establishmentId, unitId: b.unitId, academyCode: b.academyCode }) },
  };
}

export const deploymentListSchema = z.object({
  items: z.array(deploymentSummarySchema),
  summary: z.object({
    batches: z.number(),
    sites: z.number(),
    expected: z.number(),
    late: z.number(),
    steps: stepsSchema,
    onTime: z.number(),
    due: z.number().describe('Équipements dont la mise en service est due (délai passé, ou déjà en service) : le dénominateur du taux dans le délai'),
  }),
  stepLabels: z.record(z.string(), z.string()),
});

export function presentDeploymentList(result: Awaited<ReturnType<typeof findDeploymentBatches>>, actor: Actor): z.infer<typeof deploymentListSchema> {
  const s = result.summary;
  return {
    items: result.items.map((b) => presentDeploymentSummary(b, actor, result.now)),
    summary: {
      batches: s.batches,
      sites: s.sites,
      expected: s.expected,
      late: s.late,
      steps: { delivered: s.delivered, installed: s.installed, imaged: s.imaged, 'in-service': s.inService },
      onTime: s.onTime,
      due: s.due,
    },
    stepLabels: deploymentStepLabels,
  };
}

export const deploymentDetailSchema = deploymentSummarySchema.extend({
  items: z.array(
    z.object({
      serial: z.string(),
      step: z.string(),
      stepLabel: z.string(),
      stepAt: z.string(),
      installedAt: z.string().nullable(),
      imagedAt: z.string().nullable(),
      inServiceAt: z.string().nullable(),
      firstSeenAt: z.string().nullable(),
      assetId: z.string().nullable(),
      assetName: z.string().nullable(),
    }),
  ),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentDeploymentDetail(result: Awaited<ReturnType<typeof getDeploymentBatch>>, actor: Actor, now: Date): z.infer<typeof deploymentDetailSchema> {
  const { batch, counts } = result;
  const summary = presentDeploymentSummary(
    {
      ...batch,
      uai: result.uai,
      establishmentName: displayName(result.establishmentName),
      unitId: result.unitId,
      academyCode: result.academyCode,
      delivered: counts.steps.delivered,
      installed: counts.steps.installed,
      imaged: counts.steps.imaged,
      inService: counts.steps['in-service'],
      onTime: counts.onTime,
    },
    actor,
    now,
  );
  return {
    ...summary,
    items: result.items.map((i) => ({
      serial: i.serial,
      step: i.step,
      stepLabel: deploymentStepLabels[i.step as DeploymentStep] ?? i.step,
      stepAt: i.stepAt.toISOString(),
      installedAt: iso(i.installedAt),
      imagedAt: iso(i.imagedAt),
      inServiceAt: iso(i.inServiceAt),
      firstSeenAt: iso(i.firstSeenAt),
      assetId: i.assetId,
      assetName: i.assetName,
    })),
  };
}
