import { roles, type Role } from '../../shared/roles.js';
import { AppError, forbidden } from './errors.js';

/**
 * The one place that decides who may do what. Routes declare the action they need; operations
 * ask for the actor's scope to filter their SQL; presenters ask what the actor may do on a record.
 */
export { roleLabels, roles, type Role } from '../../shared/roles.js';

export const actions = [
  'establishment.read',
  'establishment.update',
  'establishment.import',
  'establishment.export',
  'premises.manage', // buildings and rooms
  'unit.read',
  'unit.manage',
  'organization.read',
  'organization.manage',
  'user.read',
  'user.manage',
  'token.manage',
  'audit.read',
  'asset.read',
  'asset.update',
  'inventory.manage', // agent credentials, tags, networks, unassigned reports
  'ticket.read', // service desk: tickets in the ticket scope (see modules/guichet/ticket-access.ts)
  'ticket.create',
  'ticket.comment', // public follow-ups and attachments
  'ticket.handle', // status, qualification, escalation, tasks, private follow-ups, major incidents
  'ticket.private.read', // private follow-ups, tasks and internal reasons
  'ticket.export',
  'desk.configure', // support teams, categories, agreements, priority matrix
] as const;
export type Action = (typeof actions)[number];

/** What each role may do, before scope narrows it to records. */
const grants: Record<Role, readonly Action[]> = {
  'authority-admin': actions,
  steering: ['establishment.read', 'establishment.export', 'unit.read', 'organization.read', 'user.read', 'audit.read', 'asset.read', 'ticket.read', 'ticket.private.read', 'ticket.export'],
  technician: ['establishment.read', 'establishment.export', 'premises.manage', 'unit.read', 'organization.read', 'asset.read', 'asset.update', 'ticket.read', 'ticket.create', 'ticket.comment', 'ticket.handle', 'ticket.private.read', 'ticket.export'],
  'establishment-staff': ['establishment.read', 'premises.manage', 'organization.read', 'asset.read', 'ticket.read', 'ticket.create', 'ticket.comment'],
  'academy-staff': ['establishment.read', 'establishment.export', 'unit.read', 'organization.read', 'ticket.read', 'ticket.create', 'ticket.comment', 'ticket.handle', 'ticket.private.read', 'ticket.export'],
  contractor: ['establishment.read', 'organization.read', 'asset.read', 'ticket.read', 'ticket.comment', 'ticket.handle', 'ticket.private.read'],
  auditor: ['establishment.read', 'establishment.export', 'unit.read', 'organization.read', 'user.read', 'audit.read', 'asset.read', 'ticket.read', 'ticket.private.read', 'ticket.export'],
};

/** Actions an API token with read access keeps; write tokens keep their role's grants. */
const readOnlyActions = new Set<Action>([
  'establishment.read',
  'establishment.export',
  'unit.read',
  'organization.read',
  'user.read',
  'audit.read',
  'asset.read',
  'ticket.read',
  'ticket.private.read',
  'ticket.export',
]);

export interface Assignment {
  id: string;
  role: Role;
  organizationId: string;
  organizationCode: string;
  establishmentId: string | null;
  /** Units of the assignment, already expanded to their descendants. */
  unitIds: string[];
  level: number | null;
  academyCode: string | null;
}

export interface Actor {
  kind: 'user' | 'token';
  id: string;
  label: string;
  tenantId: string;
  tenantCode: string;
  assignments: Assignment[];
  tokenAccess?: 'read' | 'write';
  sessionId?: string;
}

/** Actions no API token may perform, whatever its role: managing people and tokens stays with people. */
const humanOnlyActions = new Set<Action>(['user.manage', 'token.manage']);

export function can(actor: Actor | null, action: Action): boolean {
  if (!actor) return false;
  if (actor.kind === 'token' && humanOnlyActions.has(action)) return false;
  if (actor.tokenAccess === 'read' && !readOnlyActions.has(action)) return false;
  return actor.assignments.some((a) => grants[a.role].includes(action));
}

export function authorize(actor: Actor | null, action: Action): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Vous devez être connecté.');
  if (!can(actor, action)) throw forbidden();
}

export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Vous devez être connecté.');
}

/** Which establishments an actor reaches for an action; SQL filters are built from this. */
export interface EstablishmentScope {
  all: boolean;
  unitIds: string[];
  establishmentIds: string[];
  academyCodes: string[];
}

export function establishmentScope(actor: Actor, action: Action): EstablishmentScope {
  const scope: EstablishmentScope = { all: false, unitIds: [], establishmentIds: [], academyCodes: [] };
  if (actor.tokenAccess === 'read' && !readOnlyActions.has(action)) return scope;
  for (const a of actor.assignments) {
    if (!grants[a.role].includes(action)) continue;
    switch (a.role) {
      case 'steering':
      case 'auditor':
        // held for a member authority (a commune of a Métropole): the units of its schools only
        if (a.unitIds.length) scope.unitIds.push(...a.unitIds);
        else scope.all = true;
        break;
      case 'authority-admin':
        scope.all = true;
        break;
      case 'technician':
      case 'contractor':
        scope.unitIds.push(...a.unitIds);
        if (a.establishmentId) scope.establishmentIds.push(a.establishmentId);
        break;
      case 'establishment-staff':
        if (a.establishmentId) scope.establishmentIds.push(a.establishmentId);
        break;
      case 'academy-staff':
        if (a.academyCode) scope.academyCodes.push(a.academyCode);
        if (a.unitIds.length) scope.unitIds.push(...a.unitIds);
        break;
    }
  }
  return scope;
}

export interface ScopedEstablishment {
  id: string;
  unitId: string | null;
  academyCode: string | null;
}

export function inScope(scope: EstablishmentScope, e: ScopedEstablishment): boolean {
  return (
    scope.all ||
    scope.establishmentIds.includes(e.id) ||
    (e.unitId !== null && scope.unitIds.includes(e.unitId)) ||
    (e.academyCode !== null && scope.academyCodes.includes(e.academyCode))
  );
}

export function canOnEstablishment(actor: Actor, action: Action, e: ScopedEstablishment): boolean {
  return can(actor, action) && inScope(establishmentScope(actor, action), e);
}
