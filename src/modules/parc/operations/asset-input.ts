import { z } from 'zod';
import { lockableFields } from '../../../shared/fleet.js';
import { assetFieldsShape } from './update-asset.input.js';
import { normalizeSerial } from '../inventory/match-keys.js';
import type { assets } from '../db/schema.js';

export { assetFieldsShape, lockedFieldsInput, noteInput } from './update-asset.input.js';

export type AssetFields = { [K in keyof typeof assetFieldsShape]: z.infer<(typeof assetFieldsShape)[K]> };
export type AssetRow = typeof assets.$inferSelect;

/** Input field → asset column, for the fields stored as they come (uai and roomId are resolved first). */
const columnOf = {
  class: 'assetClass',
  status: 'status',
  name: 'name',
  serial: 'serial',
  inventoryNumber: 'inventoryNumber',
  manufacturer: 'manufacturer',
  model: 'model',
  osName: 'osName',
  osVersion: 'osVersion',
  ownerKind: 'ownerKind',
  funder: 'funder',
  fundingSource: 'fundingSource',
  supplier: 'supplier',
  orderReference: 'orderReference',
  purchaseDate: 'purchaseDate',
  purchasePrice: 'purchasePrice',
  warrantyEnd: 'warrantyEnd',
  imageVersion: 'imageVersion',
} as const satisfies Partial<Record<keyof AssetFields, keyof AssetRow>>;

export type AssetColumnChanges = Partial<Pick<AssetRow, (typeof columnOf)[keyof typeof columnOf] | 'establishmentId' | 'roomId'>>;

/** Prices are stored as numeric(12,2): two decimals, as text. */
export function priceColumn(value: number | null): string | null {
  return value === null ? null : value.toFixed(2);
}

/**
 * The column values of the fields present in `input` (absent = unchanged). Serial numbers are
 * stored as the agents' matching compares them: upper case, without spaces.
 */
export function columnChanges(input: Partial<AssetFields>): AssetColumnChanges {
  const changes: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columnOf)) {
    if (!(field in input)) continue;
    const value = input[field as keyof AssetFields];
    if (value === undefined) continue;
    if (field === 'serial') changes[column] = normalizeSerial(value as string | null);
    else if (field === 'purchasePrice') changes[column] = priceColumn(value as number | null);
    else changes[column] = value === '' ? null : value;
  }
  return changes as AssetColumnChanges;
}

/** French names of the columns, for history lines and import reports. */
export const columnLabels: Record<string, string> = {
  assetClass: 'type',
  status: 'statut',
  establishmentId: 'établissement',
  roomId: 'salle',
  name: 'nom',
  serial: 'numéro de série',
  inventoryNumber: 'numéro d’inventaire',
  manufacturer: 'fabricant',
  model: 'modèle',
  osName: 'système',
  osVersion: 'version du système',
  ownerKind: 'propriétaire',
  funder: 'financeur',
  fundingSource: 'source de financement',
  supplier: 'fournisseur',
  orderReference: 'référence de commande',
  purchaseDate: 'date d’achat',
  purchasePrice: 'prix d’achat',
  warrantyEnd: 'fin de garantie',
  imageVersion: 'version d’image',
  lockedFields: 'champs verrouillés',
};

/** Columns an agent also writes (see ingest/asset-fields.ts): a person's edit locks them. */
const lockableColumns = new Set<string>(lockableFields);

export function fieldsToLock(changedColumns: string[]): string[] {
  return changedColumns.filter((c) => lockableColumns.has(c));
}

export function mergeLocks(current: string[], added: string[]): string[] {
  return [...new Set([...current, ...added])].sort();
}

/** A warranty cannot end before the purchase. */
export function warrantyIssue(row: { purchaseDate: string | null; warrantyEnd: string | null }): string | null {
  if (row.purchaseDate && row.warrantyEnd && row.warrantyEnd < row.purchaseDate) {
    return `La fin de garantie (${row.warrantyEnd}) précède la date d’achat (${row.purchaseDate}).`;
  }
  return null;
}
