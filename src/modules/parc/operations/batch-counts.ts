import { sql } from 'drizzle-orm';
import { deploymentBatches, deploymentItems } from '../db/schema.js';

const atStep = (step: string) => sql<number>`count(${deploymentItems.serial}) filter (where ${deploymentItems.step} = ${step})`.mapWith(Number);

/** Per-batch aggregates of its items, for a query grouped by batch with its items left-joined. */
export function batchCountColumns() {
  return {
    delivered: atStep('delivered').as('delivered'),
    installed: atStep('installed').as('installed'),
    imaged: atStep('imaged').as('imaged'),
    inService: atStep('in-service').as('in_service'),
    onTime: sql<number>`count(${deploymentItems.serial}) filter (where ${deploymentItems.inServiceAt} <= ${deploymentBatches.deliveredAt} + make_interval(hours => ${deploymentBatches.deadlineHours}))`
      .mapWith(Number)
      .as('on_time'),
  };
}

export interface StepCounts {
  delivered: number;
  installed: number;
  imaged: number;
  inService: number;
  onTime: number;
}

export function batchCountsOf(row: StepCounts) {
  return { steps: { delivered: row.delivered, installed: row.installed, imaged: row.imaged, 'in-service': row.inService }, onTime: row.onTime };
}
