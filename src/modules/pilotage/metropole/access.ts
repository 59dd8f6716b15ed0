import { authorize, can, establishmentScope, type Actor } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { forbidden, notFound } from '../../../server/platform/errors.js';

/**
 * Who reads a Métropole's communes: a role held for the whole Métropole reads them all; a role held
 * for a member commune (steering or auditing narrowed to its schools' units, see access's
 * assign-role) reads that commune only. The commune is the assignment's organization, never a
 * filter the caller sends, so no query string widens it.
 */
export interface CommuneReader {
  actor: Actor;
  tenantId: string;
  all: boolean;
  communeIds: string[];
}

export function communeReader(ctx: Ctx): CommuneReader {
  authorize(ctx.actor, 'metropole.read');
  const actor = ctx.actor;
  const all = establishmentScope(actor, 'metropole.read').all;
  const communeIds = actor.assignments
    .filter((a) => (a.role === 'steering' || a.role === 'auditor') && a.organizationId !== actor.tenantId && a.unitIds.length > 0)
    .map((a) => a.organizationId);
  return { actor, tenantId: actor.tenantId, all, communeIds };
}

/** The commune must be one the reader reaches; otherwise it does not exist for them. */
export function assertReadsCommune(reader: CommuneReader, communeId: string) {
  if (!reader.all && !reader.communeIds.includes(communeId)) throw notFound('Commune');
}

/** Whether this actor manages the catalogue: the UI offers its forms only then (a commune's account reads). */
export const managesCatalogue = (actor: Actor) => can(actor, 'metropole.manage') && establishmentScope(actor, 'metropole.manage').all;

export function metropoleManager(ctx: Ctx): Actor {
  authorize(ctx.actor, 'metropole.manage');
  if (!establishmentScope(ctx.actor, 'metropole.manage').all) throw forbidden('Le catalogue est géré par la Métropole.');
  return ctx.actor;
}
