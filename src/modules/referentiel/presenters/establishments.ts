import { can, establishmentPermission, establishmentScope, type Actor, type ScopedEstablishment } from '../../../server/platform/authz.js';
import { isoOf } from '../../../server/platform/instants.js';
import type { EstablishmentRow } from '../db/queries.js';
import { z } from 'zod';

export const establishmentSchema = z.object({
  id: z.string(),
  uai: z.string(),
  name: z.string(),
  natureCode: z.string().nullable(),
  natureLabel: z.string().nullable(),
  sector: z.string(),
  contractType: z.string().nullable(),
  academyCode: z.string().nullable(),
  academyName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  postalCode: z.string().nullable(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  pupils: z.number().nullable(),
  priorityEducation: z.string().nullable(),
  tracks: z.array(z.string()),
  isOpen: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  unitId: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  permissions: z.object({ update: z.boolean(), managePremises: z.boolean() }),
});

/** The columns a school is shown with: lists read only these (their update time as PostgreSQL's text, written as ISO 8601 without a Date). */
export type ShownEstablishment = Omit<EstablishmentRow, 'tenantId' | 'searchText' | 'sourceHash' | 'createdAt' | 'updatedAt'> & { updatedAt: Date | string };

/** What each row says its reader may do, and the action that decides it. */
const rowActions = { update: 'establishment.update', managePremises: 'premises.manage' } as const;

type Permissions = Record<keyof typeof rowActions, (e: ScopedEstablishment) => boolean>;

const permissionsOf = (actor: Actor): Permissions => ({
  update: establishmentPermission(actor, rowActions.update),
  managePremises: establishmentPermission(actor, rowActions.managePremises),
});

/**
 * Everything the rows' permissions depend on for this actor (each action allowed or not, and on
 * which schools, as `establishmentPermission` decides): two readers with the same key see the same
 * rows written the same way.
 */
export function permissionsKey(actor: Actor): string {
  return JSON.stringify(Object.values(rowActions).map((action) => (can(actor, action) ? establishmentScope(actor, action) : null)));
}

/** A list's schools: the actor's permissions worked out once, not twice per school. */
export function presentEstablishments(list: ShownEstablishment[], actor: Actor) {
  const permissions = permissionsOf(actor);
  return list.map((e) => present(e, permissions));
}

export function presentEstablishment(e: ShownEstablishment, actor: Actor) {
  return present(e, permissionsOf(actor));
}

function present(e: ShownEstablishment, permissions: Permissions) {
  return {
    id: e.id,
    uai: e.uai,
    name: e.name,
    natureCode: e.natureCode,
    natureLabel: e.natureLabel,
    sector: e.sector,
    contractType: e.contractType,
    academyCode: e.academyCode,
    academyName: e.academyName,
    departmentCode: e.departmentCode,
    communeCode: e.communeCode,
    communeName: e.communeName,
    postalCode: e.postalCode,
    address: e.address,
    latitude: e.latitude,
    longitude: e.longitude,
    pupils: e.pupils,
    priorityEducation: e.priorityEducation,
    tracks: e.tracks,
    isOpen: e.isOpen,
    phone: e.phone,
    email: e.email,
    unitId: e.unitId,
    version: e.version,
    updatedAt: isoOf(e.updatedAt),
    permissions: { update: permissions.update(e), managePremises: permissions.managePremises(e) },
  };
}
