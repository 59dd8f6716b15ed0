import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { ppiScenarios } from '../db/schema.js';

export type Scenario = typeof ppiScenarios.$inferSelect;

export async function loadScenario(db: Db, tenantId: string, id: string, lock = false): Promise<Scenario> {
  const query = db.select().from(ppiScenarios).where(and(eq(ppiScenarios.tenantId, tenantId), eq(ppiScenarios.id, id)));
  const [scenario] = lock ? await query.for('update') : await query;
  if (!scenario) throw notFound('Scénario du PPI');
  return scenario;
}

/** A voted scenario is the assembly's decision: it no longer changes (a later scenario is compared with it). */
export function assertDraft(scenario: Scenario): void {
  if (scenario.status === 'voted') throw new AppError('CONFLICT', `Le scénario « ${scenario.name} » a été voté : il ne peut plus être modifié. Créez un nouveau scénario.`);
}
