import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { assessSchools, type Assessment } from '../indicators/assess.js';
import { cachedProfileCatalogue } from '../indicators/steering-caches.js';
import { schoolInScope, steeringScope } from './steering-scope.js';

export const assessmentParams = z.object({ uai: z.string().trim().min(1).max(20) });

/** One school's assessment, computed from live data now (a device moved or retired counts at once). */
export async function getAssessment(ctx: Ctx, params: z.infer<typeof assessmentParams>): Promise<Assessment> {
  const scope = steeringScope(ctx);
  const school = await schoolInScope(scope, params.uai);
  const profiles = await cachedProfileCatalogue(ctx, scope.tenantId);
  const [assessment] = await assessSchools(ctx.db, scope.tenantId, scope.where, profiles, ctx.now(), { schools: [school] });
  return assessment;
}
