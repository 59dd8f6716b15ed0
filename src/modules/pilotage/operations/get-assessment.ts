import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { assessOne, type Assessment } from '../indicators/assess.js';
import { oneSchoolWithInputs } from '../indicators/one-school.js';
import { chooseProfile } from '../indicators/profiles.js';
import { cachedProfileCatalogue } from '../indicators/steering-caches.js';
import { steeringScope } from './steering-scope.js';

export const assessmentParams = z.object({ uai: z.string().trim().min(1).max(20) });

/**
 * One school's assessment, computed from live data now (a device moved or retired counts at once):
 * one statement reads the school and its figures; the profiles come from the tenant's cache.
 */
export async function getAssessment(ctx: Ctx, params: z.infer<typeof assessmentParams>): Promise<Assessment> {
  const scope = steeringScope(ctx);
  const now = ctx.now();
  const [profiles, found] = await Promise.all([
    cachedProfileCatalogue(ctx, scope.tenantId),
    oneSchoolWithInputs(ctx.db, scope, params.uai.toUpperCase(), now),
  ]);
  if (!found) throw notFound('Établissement');
  return assessOne(found.school, chooseProfile(profiles, found.school), found.inputs, now);
}
