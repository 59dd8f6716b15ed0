import { canOnEstablishment, type Actor } from '../../../server/platform/authz.js';
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

/** The columns a school is shown with: lists read only these. */
export type ShownEstablishment = Omit<EstablishmentRow, 'tenantId' | 'searchText' | 'sourceHash' | 'createdAt'>;

export function presentEstablishment(e: ShownEstablishment, actor: Actor) {
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
    updatedAt: e.updatedAt.toISOString(),
    permissions: {
      update: canOnEstablishment(actor, 'establishment.update', e),
      managePremises: canOnEstablishment(actor, 'premises.manage', e),
    },
  };
}
