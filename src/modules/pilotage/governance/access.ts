import { establishmentScope, authorize, type Action, type Actor } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';

/**
 * Governance covers the whole authority (its figures are every school's): only a role held for the
 * whole tenant reaches it. A commune's steering role, narrowed to its schools, does not, so the
 * Métropole's data packs never show a commune the others' figures.
 */
export function governanceActor(ctx: Ctx, action: Action): Actor {
  authorize(ctx.actor, action);
  if (!establishmentScope(ctx.actor, action).all) throw forbidden('La gouvernance est réservée aux rôles qui couvrent toute la collectivité.');
  return ctx.actor;
}

export const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });
