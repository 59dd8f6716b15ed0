import { z } from 'zod';
import { assetClasses, assetStatuses, fundingSources, lockableFields, ownerKinds } from '../../../shared/fleet.js';

/**
 * The fields a person sets on a device, shared by creation, edition and import. Text is trimmed;
 * an empty string means "none" (null). Dates are ISO (YYYY-MM-DD), prices in euros.
 */
const optionalText = (max: number) => z.string().trim().max(max).nullable();

const isoDate = z.iso.date('Date attendue au format AAAA-MM-JJ.').nullable();

export const assetFieldsShape = {
  class: z.enum(assetClasses),
  status: z.enum(assetStatuses),
  /** The school, by UAI; null keeps the device at the authority (stock, warehouse). */
  uai: z.string().trim().toUpperCase().regex(/^[0-9]{7}[A-Z]$/, 'UAI : 7 chiffres suivis d’une lettre.').nullable(),
  roomId: z.uuid().nullable(),
  name: optionalText(200),
  serial: optionalText(100),
  inventoryNumber: optionalText(100),
  manufacturer: optionalText(200),
  model: optionalText(200),
  osName: optionalText(200),
  osVersion: optionalText(100),
  ownerKind: z.enum(ownerKinds),
  funder: z.enum(ownerKinds).nullable(),
  fundingSource: z.enum(fundingSources).nullable(),
  supplier: optionalText(200),
  orderReference: optionalText(100),
  purchaseDate: isoDate,
  purchasePrice: z.number().min(0).max(999_999_999).nullable(),
  warrantyEnd: isoDate,
  imageVersion: optionalText(100),
};

export const lockedFieldsInput = z.array(z.enum(lockableFields)).max(lockableFields.length);
export const noteInput = z.string().trim().min(1).max(500);

export const updateAssetInput = z
  .object(assetFieldsShape)
  .partial()
  .extend({
    version: z.number().int().min(1),
    /** The whole set of locked fields; fields edited in the same request are locked anyway. */
    lockedFields: lockedFieldsInput.optional(),
    /** Why, for the history line (a theft report number, a repair ticket). */
    note: noteInput.optional(),
  });
export type UpdateAssetInput = z.infer<typeof updateAssetInput>;
