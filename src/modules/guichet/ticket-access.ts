import { sql, type SQL } from 'drizzle-orm';
import { can, type Action, type Actor, type Assignment } from '../../server/platform/authz.js';
import { rows, type Db } from '../../server/platform/db.js';
import { tickets } from './db/schema.js';
import { schoolManagerFunctions } from './vocabulary.js';
import { uuidArray } from '../../server/platform/prepared.js';

/**
 * Who reaches which ticket, decided here for SQL lists and single records alike.
 *
 * Reading (ticket.read):
 * - authority administrators, steering, auditors: every ticket of the tenant; steering or auditing
 *   held for a member authority (a commune of a Métropole): the tickets of its units' schools;
 * - technicians: tickets of the schools of their units (and sub-units), and those assigned to them;
 * - school heads and digital referents: every ticket of their school;
 * - teachers and other school staff: their own tickets and their school's public ones;
 * - the Académie: tickets in its scope (it is responsible for them, or its team has them);
 * - a contractor: only tickets assigned to one of its teams;
 * - anyone: the tickets they asked for.
 *
 * Handling (ticket.handle): administrators every ticket; technicians those of their units in the
 * tenant's scope (an Académie ticket goes to the Académie's desk); the Académie and contractors
 * as for reading; anyone the tickets assigned to them personally.
 */

export interface TicketScope {
  all: boolean;
  actorId: string | null;
  unitIds: string[];
  /** Schools whose every ticket is visible. */
  schoolIds: string[];
  /** Schools whose public tickets are visible. */
  publicSchoolIds: string[];
  /** Organizations whose scope (responsible or assigned) is visible: the Académie. */
  scopeOrgIds: string[];
  /** Organizations whose assigned tickets are visible: contractors. */
  assignedOrgIds: string[];
}

/** The fields of a ticket access decisions need. */
export interface TicketAccessRow {
  establishmentId: string;
  unitId: string | null;
  requesterUserId: string | null;
  schoolVisible: boolean;
  responsibleOrgId: string;
  assignedOrgId: string | null;
  assignedUserId: string | null;
}

const only = (actor: Actor, a: Assignment): Actor => ({ ...actor, assignments: [a] });

/** Staff functions of the actor's school assignments (they live on access.role_assignments_view). */
async function staffFunctions(db: Db, actor: Actor): Promise<Map<string, string | null>> {
  const ids = actor.kind === 'user' ? actor.assignments.filter((a) => a.role === 'establishment-staff').map((a) => a.id) : [];
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; fn: string | null }>(
    db,
    sql`select id, staff_function as fn from access.role_assignments_view
         where tenant_id = ${actor.tenantId} and id = any(${uuidArray(ids)})`,
  );
  return new Map(found.map((r) => [r.id, r.fn]));
}

export async function ticketScope(db: Db, actor: Actor, action: Action = 'ticket.read'): Promise<TicketScope> {
  const scope: TicketScope = {
    all: false,
    actorId: actor.kind === 'user' ? actor.id : null,
    unitIds: [],
    schoolIds: [],
    publicSchoolIds: [],
    scopeOrgIds: [],
    assignedOrgIds: [],
  };
  const functions = await staffFunctions(db, actor);
  for (const a of actor.assignments) {
    if (!can(only(actor, a), action)) continue;
    switch (a.role) {
      case 'steering':
      case 'auditor':
        // held for a member authority (a commune of a Métropole): the service its schools get
        if (a.unitIds.length) scope.unitIds.push(...a.unitIds);
        else scope.all = true;
        break;
      case 'authority-admin':
        scope.all = true;
        break;
      case 'technician':
        scope.unitIds.push(...a.unitIds);
        if (a.establishmentId) scope.schoolIds.push(a.establishmentId);
        break;
      case 'establishment-staff': {
        if (!a.establishmentId) break;
        const fn = functions.get(a.id) ?? null;
        const manager = (schoolManagerFunctions as readonly (string | null)[]).includes(fn);
        (manager ? scope.schoolIds : scope.publicSchoolIds).push(a.establishmentId);
        break;
      }
      case 'academy-staff':
        scope.scopeOrgIds.push(a.organizationId);
        break;
      case 'contractor':
        scope.assignedOrgIds.push(a.organizationId);
        break;
    }
  }
  return scope;
}


/** The SQL form of a scope, on guichet.tickets (the tenant filter comes separately). */
export function ticketScopeWhere(scope: TicketScope, tenantId: string): SQL {
  if (scope.all) return sql`true`;
  const parts: SQL[] = [];
  if (scope.actorId) parts.push(sql`(${tickets.requesterUserId} = ${scope.actorId} or ${tickets.assignedUserId} = ${scope.actorId})`);
  if (scope.unitIds.length) {
    parts.push(
      sql`${tickets.establishmentId} in (select e.id from referentiel.establishments_view e where e.tenant_id = ${tenantId} and e.unit_id = any(${uuidArray(scope.unitIds)}))`,
    );
  }
  if (scope.schoolIds.length) parts.push(sql`${tickets.establishmentId} = any(${uuidArray(scope.schoolIds)})`);
  if (scope.publicSchoolIds.length) parts.push(sql`(${tickets.establishmentId} = any(${uuidArray(scope.publicSchoolIds)}) and ${tickets.schoolVisible})`);
  if (scope.scopeOrgIds.length) {
    parts.push(sql`(${tickets.responsibleOrgId} = any(${uuidArray(scope.scopeOrgIds)}) or ${tickets.assignedOrgId} = any(${uuidArray(scope.scopeOrgIds)}))`);
  }
  if (scope.assignedOrgIds.length) parts.push(sql`${tickets.assignedOrgId} = any(${uuidArray(scope.assignedOrgIds)})`);
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

export function inTicketScope(scope: TicketScope, t: TicketAccessRow): boolean {
  if (scope.all) return true;
  if (scope.actorId && (t.requesterUserId === scope.actorId || t.assignedUserId === scope.actorId)) return true;
  if (t.unitId && scope.unitIds.includes(t.unitId)) return true;
  if (scope.schoolIds.includes(t.establishmentId)) return true;
  if (t.schoolVisible && scope.publicSchoolIds.includes(t.establishmentId)) return true;
  if (scope.scopeOrgIds.includes(t.responsibleOrgId) || (t.assignedOrgId !== null && scope.scopeOrgIds.includes(t.assignedOrgId))) return true;
  return t.assignedOrgId !== null && scope.assignedOrgIds.includes(t.assignedOrgId);
}

/** Whether the actor may work on the ticket (status, escalation, tasks, private follow-ups). */
export function canHandle(actor: Actor, t: TicketAccessRow): boolean {
  if (!can(actor, 'ticket.handle')) return false;
  if (actor.kind === 'user' && t.assignedUserId === actor.id) return true;
  return actor.assignments.some((a) => {
    if (!can(only(actor, a), 'ticket.handle')) return false;
    switch (a.role) {
      case 'authority-admin':
        return true;
      case 'technician': {
        const inUnits = (t.unitId !== null && a.unitIds.includes(t.unitId)) || a.establishmentId === t.establishmentId;
        const tenantScope = t.responsibleOrgId === actor.tenantId || t.assignedOrgId === actor.tenantId;
        return inUnits && tenantScope;
      }
      case 'academy-staff':
        return t.responsibleOrgId === a.organizationId || t.assignedOrgId === a.organizationId;
      case 'contractor':
        return t.assignedOrgId === a.organizationId;
      default:
        return false;
    }
  });
}

/** Private follow-ups, tasks and internal reasons: the desk and those who steer or audit it, never a requester. */
export const seesPrivate = (actor: Actor): boolean => can(actor, 'ticket.private.read');

/**
 * The requester's side of a ticket (accept or refuse the solution, rate it): the requester, or
 * a head or referent of the school on their behalf.
 */
export function isRequesterSide(actor: Actor, scope: TicketScope, t: TicketAccessRow): boolean {
  if (actor.kind === 'user' && t.requesterUserId === actor.id) return true;
  return scope.schoolIds.includes(t.establishmentId) && actor.assignments.some((a) => a.role === 'establishment-staff' && a.establishmentId === t.establishmentId);
}
