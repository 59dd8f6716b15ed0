import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { rows, type Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, territorialUnitsView as territorialUnits } from '../../referentiel/index.js';
import { staffFunctions } from '../../../shared/roles.js';
import { roleAssignments } from '../db/schema.js';
import { assignRoleInput, roleScopeInput, type AssignRoleInput } from './assign-role.input.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export { staffFunctions };

export { assignRoleInput, roleScopeInput, type AssignRoleInput };
type RoleScope = z.infer<typeof roleScopeInput>;

const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });
const wholeTenantRoles = new Set(['authority-admin', 'steering', 'auditor']);
/** Roles a member authority may hold narrowed to its schools' units (see checkRoleScope). */
const memberScopedRoles = new Set(['steering', 'auditor']);
const authorityKinds = ['region', 'departement', 'commune', 'metropole', 'epci'];

/**
 * A role's scope must fit the role: a school for school staff, units and a level for technicians.
 * Steering and auditing cover the whole tenant, except when held for a partner: a member authority
 * (a commune of a Métropole) steers the service its own schools get, named by their units.
 */
export function checkRoleScope(input: RoleScope, options: { forPartner?: boolean } = {}) {
  if (input.role === 'establishment-staff' && !input.establishmentId) {
    throw invalid('establishmentId', "Un personnel d'établissement doit être rattaché à un établissement (UAI).");
  }
  if (input.role === 'establishment-staff' && input.unitIds.length > 0) {
    throw invalid('unitIds', "Un personnel d'établissement ne couvre pas d'unité territoriale.");
  }
  if (input.role === 'technician' && input.unitIds.length === 0) {
    throw invalid('unitIds', 'Un technicien doit couvrir au moins une unité territoriale.');
  }
  if (input.role === 'technician' && (input.level === null || input.level === undefined)) {
    throw invalid('level', 'Un technicien a un niveau de support de 0 à 3.');
  }
  if (input.role !== 'technician' && input.level !== null && input.level !== undefined) {
    throw invalid('level', 'Seul un technicien a un niveau de support.');
  }
  if (input.role !== 'establishment-staff' && input.staffFunction) {
    throw invalid('staffFunction', "Seul un personnel d'établissement a une fonction dans l'établissement.");
  }
  const memberUnits = options.forPartner && memberScopedRoles.has(input.role) && !input.establishmentId;
  if (wholeTenantRoles.has(input.role) && (input.establishmentId || input.unitIds.length > 0) && !memberUnits) {
    throw invalid('establishmentId', 'Ce rôle couvre toute la collectivité : ne précisez ni établissement ni unité.');
  }
  if (input.role === 'academy-staff' && input.establishmentId) {
    throw invalid('establishmentId', "Un personnel de l'académie couvre les établissements de son académie, pas un seul établissement.");
  }
}

/** The establishment and units of a scope must belong to the tenant the role is held in. */
export async function checkScopeInTenant(db: Db, tenantId: string, input: Pick<RoleScope, 'establishmentId' | 'unitIds'>) {
  if (input.establishmentId) {
    const [found] = await db
      .select({ id: establishments.id })
      .from(establishments)
      .where(and(eq(establishments.tenantId, tenantId), eq(establishments.id, input.establishmentId)));
    if (!found) throw invalid('establishmentId', "Cet établissement n'appartient pas à la collectivité.");
  }
  const unitIds = [...new Set(input.unitIds)];
  if (unitIds.length > 0) {
    const found = await db
      .select({ id: territorialUnits.id })
      .from(territorialUnits)
      .where(and(eq(territorialUnits.tenantId, tenantId), inArray(territorialUnits.id, unitIds)));
    if (found.length !== unitIds.length) throw invalid('unitIds', "Certaines unités n'appartiennent pas à la collectivité.");
  }
}

/** A role is held on behalf of the tenant itself or of one of its partners (académie, contractor…). */
async function checkOrganization(db: Db, tenantId: string, organizationId: string): Promise<string | null> {
  if (organizationId === tenantId) return null;
  const found = await rows<{ role: string }>(
    db,
    sql`select role from referentiel.partnerships_view where tenant_id = ${tenantId} and partner_id = ${organizationId}`,
  );
  if (found.length === 0) throw invalid('organizationId', "Cette organisation n'est ni la collectivité ni l'un de ses partenaires.");
  return found[0].role;
}

/** `tenantId`: the authority whose data the role reaches (the organization may be one of its partners). */
export async function assignRole(ctx: Ctx, input: AssignRoleInput & { tenantId: string }) {
  const { tenantId } = input;
  const parsed = assignRoleInput.parse(input);
  const partnerRole = await checkOrganization(ctx.db, tenantId, parsed.organizationId);
  checkRoleScope(parsed, { forPartner: partnerRole !== null });
  if (memberScopedRoles.has(parsed.role) && parsed.unitIds.length > 0 && !authorityKinds.includes(partnerRole ?? '')) {
    throw invalid('unitIds', 'Seule une collectivité membre (une commune d’une métropole…) pilote ses seules unités : ce partenaire couvre toute la collectivité ou rien.');
  }
  await checkScopeInTenant(ctx.db, tenantId, parsed);
  const unitIds = [...new Set(parsed.unitIds)].sort();
  const existing = await ctx.db
    .select()
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, parsed.userId), eq(roleAssignments.role, parsed.role)));
  const same = existing.find(
    (a) =>
      a.organizationId === parsed.organizationId &&
      a.establishmentId === (parsed.establishmentId ?? null) &&
      a.level === (parsed.level ?? null) &&
      [...a.unitIds].sort().join() === unitIds.join(),
  );
  if (same) throw new AppError('CONFLICT', 'Cette personne a déjà ce rôle avec cette portée.');
  return changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      const [assignment] = await tx
        .insert(roleAssignments)
        .values({
          tenantId,
          userId: parsed.userId,
          organizationId: parsed.organizationId,
          role: parsed.role,
          establishmentId: parsed.establishmentId ?? null,
          staffFunction: parsed.staffFunction ?? null,
          unitIds,
          level: parsed.level ?? null,
        })
        .returning();
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'role-assignment', entityId: assignment.id, after: { ...parsed, unitIds } }]);
      return assignment;
    }),
  );
}
