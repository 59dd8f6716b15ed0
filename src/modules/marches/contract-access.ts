import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { can, type Action, type Actor, type Assignment } from '../../server/platform/authz.js';
import { forbidden } from '../../server/platform/errors.js';
import { contracts, groupMembers, lots, purchasingGroups } from './db/schema.js';

/** The assignments through which the actor holds an action (a user may act for several organizations). */
export function assignmentsFor(actor: Actor, action: Action): Assignment[] {
  return actor.assignments.filter((a) => can({ ...actor, assignments: [a] }, action));
}

/**
 * What an actor reaches of the tenant's contracts and groups for an action:
 * - `all`: a role held for the tenant's own organization (its admin, buyer, steering, auditor);
 * - `organizationIds`: the partner organizations it acts for (a Département, the Académie): their
 *   groups' contracts, the contracts they buy, the groups they coordinate or belong to;
 * - `holderOrganizationIds`: a contractor's organization: only the contracts it holds a lot of.
 */
export interface MarchesScope {
  all: boolean;
  organizationIds: string[];
  holderOrganizationIds: string[];
}

export function marchesScope(actor: Actor, action: Action): MarchesScope {
  const scope: MarchesScope = { all: false, organizationIds: [], holderOrganizationIds: [] };
  for (const a of assignmentsFor(actor, action)) {
    if (a.role === 'contractor') scope.holderOrganizationIds.push(a.organizationId);
    else if (a.organizationId === actor.tenantId) scope.all = true;
    else scope.organizationIds.push(a.organizationId);
  }
  return scope;
}

const none = sql`false`;

/** SQL on `marches.contracts`: the contracts of the tenant the scope reaches. */
export function contractScopeWhere(tenantId: string, scope: MarchesScope): SQL {
  const tenant = eq(contracts.tenantId, tenantId);
  if (scope.all) return tenant;
  const arms: SQL[] = [];
  if (scope.organizationIds.length) {
    arms.push(inArray(contracts.buyerOrganizationId, scope.organizationIds));
    arms.push(
      inArray(
        contracts.groupId,
        sql`(select ${groupMembers.groupId} from ${groupMembers} where ${groupMembers.tenantId} = ${tenantId} and ${inArray(groupMembers.organizationId, scope.organizationIds)}
             union select ${purchasingGroups.id} from ${purchasingGroups} where ${purchasingGroups.tenantId} = ${tenantId} and ${inArray(purchasingGroups.coordinatorOrganizationId, scope.organizationIds)})`,
      ),
    );
  }
  if (scope.holderOrganizationIds.length) {
    arms.push(
      inArray(
        contracts.id,
        sql`(select ${lots.contractId} from ${lots} where ${lots.tenantId} = ${tenantId} and ${inArray(lots.holderOrganizationId, scope.holderOrganizationIds)})`,
      ),
    );
  }
  return and(tenant, arms.length ? or(...arms) : none)!;
}

/** SQL on `marches.purchasing_groups`: the groups the scope reaches (members and coordinator). */
export function groupScopeWhere(tenantId: string, scope: MarchesScope): SQL {
  const tenant = eq(purchasingGroups.tenantId, tenantId);
  if (scope.all) return tenant;
  if (!scope.organizationIds.length) return and(tenant, none)!;
  return and(
    tenant,
    or(
      inArray(purchasingGroups.coordinatorOrganizationId, scope.organizationIds),
      inArray(
        purchasingGroups.id,
        sql`(select ${groupMembers.groupId} from ${groupMembers} where ${groupMembers.tenantId} = ${tenantId} and ${inArray(groupMembers.organizationId, scope.organizationIds)})`,
      ),
    ),
  )!;
}

/** Whether the actor may manage a contract bought by this organization (its buyer, or the tenant's own staff). */
export function canManageFor(actor: Actor, buyerOrganizationId: string): boolean {
  return assignmentsFor(actor, 'contract.manage').some((a) => a.organizationId === actor.tenantId || a.organizationId === buyerOrganizationId);
}

export function requireManageFor(actor: Actor, buyerOrganizationId: string): void {
  if (!canManageFor(actor, buyerOrganizationId)) throw forbidden("Seul l'acheteur du marché (ou la collectivité) peut le modifier.");
}
