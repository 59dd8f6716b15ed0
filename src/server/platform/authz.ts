import { roles, type Role } from '../../shared/roles.js';
import { AppError, forbidden } from './errors.js';

/**
 * The one place that decides who may do what. Routes declare the action they need; operations
 * ask for the actor's scope to filter their SQL; presenters ask what the actor may do on a record.
 */
export { roleLabels, roles, type Role } from '../../shared/roles.js';

/**
 * Every action of every module. Each module lists its own (`as const`) and adds them to this
 * interface by declaration merging, so `Action` is the union of the modules' lists while the
 * platform imports no module:
 *   declare module '…/platform/authz.js' { interface ActionNames extends Record<(typeof list)[number], true> {} }
 */
export interface ActionNames {}
export type Action = keyof ActionNames & string;

/** A module's actions and what each role may do with them, before scope narrows it to records. */
export interface ModuleActions<A extends Action = Action> {
  actions: readonly A[];
  grants: Partial<Record<Role, readonly A[]>>;
  /** Actions an API token with read access keeps (write tokens keep their role's grants). */
  readOnly: readonly A[];
  /** Actions no API token may perform, whatever its role: managing people and tokens stays with people. */
  humanOnly?: readonly A[];
}

interface Registry {
  actions: Action[];
  grants: Record<Role, Set<Action>>;
  readOnly: Set<Action>;
  humanOnly: Set<Action>;
}

let registry: Registry | null = null;

/**
 * Gathers the modules' actions and grants, at startup (buildApp, the CLI, the test setup). Called
 * again with the same lists, it changes nothing; an action declared by two modules is refused.
 */
export function registerActions(sets: readonly ModuleActions[]): void {
  const next: Registry = {
    actions: [],
    grants: Object.fromEntries(roles.map((role) => [role, new Set<Action>()])) as Record<Role, Set<Action>>,
    readOnly: new Set(),
    humanOnly: new Set(),
  };
  for (const set of sets) {
    for (const action of set.actions) {
      if (next.actions.includes(action)) throw new Error(`Action « ${action} » déclarée par deux modules.`);
      next.actions.push(action);
    }
    for (const [role, granted] of Object.entries(set.grants) as [Role, readonly Action[]][]) for (const action of granted) next.grants[role].add(action);
    for (const action of set.readOnly) next.readOnly.add(action);
    for (const action of set.humanOnly ?? []) next.humanOnly.add(action);
  }
  registry = next;
}

function registered(): Registry {
  if (!registry) throw new Error('Actions des modules non enregistrées (registerActions au démarrage).');
  return registry;
}

/** Every action, in the modules' order (what the UI is told about). */
export function allActions(): readonly Action[] {
  return registered().actions;
}

/** The roles an action is granted to: who to tell when no named person is (a contract's managers). */
export function rolesGranting(action: Action): Role[] {
  return roles.filter((role) => granted(role, action));
}

function granted(role: Role, action: Action): boolean {
  return registered().grants[role].has(action);
}

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

export function can(actor: Actor | null, action: Action): boolean {
  if (!actor) return false;
  const { humanOnly, readOnly } = registered();
  if (actor.kind === 'token' && humanOnly.has(action)) return false;
  if (actor.tokenAccess === 'read' && !readOnly.has(action)) return false;
  return actor.assignments.some((a) => granted(a.role, action));
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
  if (actor.tokenAccess === 'read' && !registered().readOnly.has(action)) return scope;
  for (const a of actor.assignments) {
    if (!granted(a.role, action)) continue;
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
  return establishmentPermission(actor, action)(e);
}

/**
 * canOnEstablishment for many schools: the role and scope worked out once, then a test per school
 * (a list's page asks it for every row).
 */
export function establishmentPermission(actor: Actor, action: Action): (e: ScopedEstablishment) => boolean {
  if (!can(actor, action)) return () => false;
  const scope = establishmentScope(actor, action);
  return (e) => inScope(scope, e);
}
