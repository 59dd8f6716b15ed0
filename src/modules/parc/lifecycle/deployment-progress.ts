/**
 * Mass deployment (10,000 PCs to 180 sites in six weeks, each usable within 48 hours): the steps
 * of a delivered device and how a site's batch stands against its deadline.
 */
export const deploymentSteps = ['delivered', 'installed', 'imaged', 'in-service'] as const;
export type DeploymentStep = (typeof deploymentSteps)[number];

export const deploymentStepLabels: Record<DeploymentStep, string> = {
  delivered: 'Livré',
  installed: 'Installé',
  imaged: 'Masterisé',
  'in-service': 'En service',
};

export function stepIndex(step: string): number {
  return deploymentSteps.indexOf(step as DeploymentStep);
}

/** Steps only move forward: an item already at or past the target stays where it is. */
export function advances(from: string, to: DeploymentStep): boolean {
  return stepIndex(from) < stepIndex(to);
}

export interface BatchCounts {
  expectedCount: number;
  deliveredAt: Date;
  deadlineHours: number;
  /** Items at each step now. */
  steps: Record<DeploymentStep, number>;
  /** Items put in service before the deadline. */
  onTime: number;
}

export interface BatchProgress {
  deadlineAt: Date;
  registered: number;
  inService: number;
  /** Expected devices not in service yet (registered or not). */
  remaining: number;
  complete: boolean;
  /** Past the deadline with devices still not in service. */
  late: boolean;
  /** Hours since the deadline, when late. */
  hoursLate: number | null;
  /** Hours left before the deadline, while it has not passed and devices remain. */
  hoursLeft: number | null;
  /** In service within the deadline, out of the expected count. */
  onTimeShare: number;
}

const hourMs = 3_600_000;

export function deadlineOf(deliveredAt: Date, deadlineHours: number): Date {
  return new Date(deliveredAt.getTime() + deadlineHours * hourMs);
}

export function batchProgress(batch: BatchCounts, now: Date): BatchProgress {
  const deadlineAt = deadlineOf(batch.deliveredAt, batch.deadlineHours);
  const registered = deploymentSteps.reduce((n, s) => n + batch.steps[s], 0);
  const inService = batch.steps['in-service'];
  const remaining = Math.max(0, batch.expectedCount - inService);
  const complete = remaining === 0;
  const late = !complete && now.getTime() > deadlineAt.getTime();
  const round = (hours: number) => Math.round(hours * 10) / 10;
  return {
    deadlineAt,
    registered,
    inService,
    remaining,
    complete,
    late,
    hoursLate: late ? round((now.getTime() - deadlineAt.getTime()) / hourMs) : null,
    hoursLeft: !complete && !late ? round((deadlineAt.getTime() - now.getTime()) / hourMs) : null,
    onTimeShare: batch.expectedCount > 0 ? Math.round((batch.onTime / batch.expectedCount) * 1000) / 1000 : 0,
  };
}
