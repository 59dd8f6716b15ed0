import { type SQL } from 'drizzle-orm';
import { authorize, establishmentScope, type Action } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishmentScopeWhere } from '../../referentiel/index.js';
import { steeringSchools, type SteeringSchool } from '../indicators/schools.js';

export interface SteeringScope {
  ctx: AuthedCtx;
  tenantId: string;
  /** The schools the actor reaches, as SQL over referentiel.establishments_view. */
  where: SQL;
  /** The same scope as text: statements built on `where` are kept under it (platform/prepared.ts, statementTemplate). */
  key: string;
}

/** Who may read which schools' figures: a head their school, an académie its schools, the authority all. */
export function steeringScope(ctx: Ctx, action: Action = 'steering.read'): SteeringScope {
  authorize(ctx.actor, action);
  const scope = establishmentScope(ctx.actor, action);
  return { ctx: ctx as AuthedCtx, tenantId: ctx.actor.tenantId, where: establishmentScopeWhere(scope), key: JSON.stringify(scope) };
}

/** One school of the actor's scope by UAI; another tenant's or out of scope is « not found ». */
export async function schoolInScope(scope: SteeringScope, uai: string): Promise<SteeringSchool> {
  const [school] = await steeringSchools(scope.ctx.db, scope.tenantId, scope.where, { uai: uai.trim().toUpperCase() });
  if (!school) throw notFound('Établissement');
  return school;
}
