import { diff } from '../../../server/platform/audit.js';
import { columnChanges, fieldsToLock, mergeLocks, warrantyIssue, type AssetRow } from '../operations/asset-input.js';
import type { ScopedAsset } from '../operations/asset-scope.js';
import { wordKey } from './asset-vocabulary.js';
import type { ParsedAssetRow } from './parse-asset-row.js';

export interface ImportSchool {
  id: string;
  uai: string;
  name: string;
  /** In the actor's scope for asset.update. */
  updatable: boolean;
}

export interface ImportRoom {
  id: string;
  name: string;
  buildingName: string;
}

/** What the rows are checked against, loaded once for the whole file. */
export interface ImportLookups {
  schools: Map<string, ImportSchool>;
  schoolsById: Map<string, ImportSchool>;
  rooms: Map<string, ImportRoom[]>;
  bySerial: Map<string, ScopedAsset[]>;
  byInventory: Map<string, ScopedAsset[]>;
  /** The actor manages the whole tenant (devices of no school included). */
  tenantWide: boolean;
  canUpdate(asset: ScopedAsset): boolean;
}

export type PlannedRow =
  | { kind: 'create'; line: number; columns: Record<string, unknown> }
  | { kind: 'update'; line: number; current: ScopedAsset; before: Record<string, unknown>; after: Record<string, unknown>; lockedFields: string[] }
  | { kind: 'unchanged'; line: number }
  | { kind: 'rejected'; line: number; reason: string };

const rejected = (line: number, reasons: string[]): PlannedRow => ({ kind: 'rejected', line, reason: reasons.join(' ; ') });

/**
 * Decides what one valid line does: create a device, update the one its serial or inventory
 * number names, or nothing; or why it is rejected. `claimed` holds the devices earlier lines
 * already updated: one device, one line.
 */
export function planImportRow(row: ParsedAssetRow, lookups: ImportLookups, claimed: Set<string>): PlannedRow {
  const { line, values } = row;
  if (row.errors.length) return rejected(line, row.errors);
  const found = findTarget(values.serial, values.inventoryNumber, lookups);
  if ('error' in found) return rejected(line, [found.error]);
  const current = found.asset;
  if (current && claimed.has(current.asset.id)) return rejected(line, ['Cet équipement est déjà mis à jour par une ligne précédente du fichier.']);
  if (current && !lookups.canUpdate(current)) return rejected(line, ['Cet équipement est hors de votre périmètre : la ligne n’est pas importée.']);

  const place = placement(values, current, lookups);
  if ('error' in place) return rejected(line, [place.error]);
  const { uai: _u, building: _b, room: _r, ...fields } = values;
  const columns: Record<string, unknown> = { ...columnChanges(fields), ...place.columns };

  if (!current) {
    if (!values.class) return rejected(line, ['Colonne « Type » vide : elle est obligatoire pour un nouvel équipement.']);
    if (!place.columns.establishmentId && !lookups.tenantWide) {
      return rejected(line, ['Colonne « Établissement (UAI) » vide : indiquez l’établissement du nouvel équipement.']);
    }
    return { kind: 'create', line, columns: { status: 'in-stock', ownerKind: 'authority', ...columns } };
  }
  const change = diff(current.asset as unknown as Record<string, unknown>, columns);
  if (!change.changed) return { kind: 'unchanged', line };
  const next = { ...current.asset, ...columns } as AssetRow;
  const warranty = warrantyIssue(next);
  if (warranty) return rejected(line, [warranty]);
  claimed.add(current.asset.id);
  const lockedFields = mergeLocks(current.asset.lockedFields, fieldsToLock(Object.keys(change.after)));
  return { kind: 'update', line, current, before: change.before, after: change.after, lockedFields };
}

function findTarget(serial: string | null | undefined, inventoryNumber: string | null | undefined, lookups: ImportLookups): { asset: ScopedAsset | null } | { error: string } {
  if (!serial && !inventoryNumber) return { error: 'Ni numéro de série ni numéro d’inventaire : la ligne ne peut désigner aucun équipement.' };
  const bySerial = serial ? (lookups.bySerial.get(serial) ?? []) : [];
  const byInventory = inventoryNumber ? (lookups.byInventory.get(inventoryNumber) ?? []) : [];
  if (bySerial.length > 1) return { error: `${bySerial.length} équipements portent déjà le numéro de série ${serial} : fusionnez-les avant d’importer cette ligne.` };
  if (byInventory.length > 1) {
    return { error: `${byInventory.length} équipements portent déjà le numéro d’inventaire ${inventoryNumber} : fusionnez-les avant d’importer cette ligne.` };
  }
  if (bySerial[0] && byInventory[0] && bySerial[0].asset.id !== byInventory[0].asset.id) {
    return { error: `Le numéro de série ${serial} et le numéro d’inventaire ${inventoryNumber} désignent deux équipements différents.` };
  }
  return { asset: bySerial[0] ?? byInventory[0] ?? null };
}

/** The school and room a line names, checked against the actor's scope and the school's rooms. */
function placement(
  values: ParsedAssetRow['values'],
  current: ScopedAsset | null,
  lookups: ImportLookups,
): { columns: { establishmentId?: string | null; roomId?: string | null } } | { error: string } {
  let school: ImportSchool | undefined;
  const columns: { establishmentId?: string | null; roomId?: string | null } = {};
  if (values.uai) {
    school = lookups.schools.get(values.uai);
    if (!school?.updatable) return { error: `Établissement ${values.uai} inconnu ou hors de votre périmètre.` };
    if (school.id !== current?.asset.establishmentId) Object.assign(columns, { establishmentId: school.id, roomId: null });
  } else if (current?.asset.establishmentId) {
    school = lookups.schoolsById.get(current.asset.establishmentId);
  }
  if (values.room) {
    if (!school) return { error: `Salle « ${values.room} » indiquée sans établissement.` };
    const name = wordKey(values.room);
    const building = values.building ? wordKey(values.building) : null;
    const candidates = (lookups.rooms.get(school.id) ?? []).filter((r) => wordKey(r.name) === name && (building === null || wordKey(r.buildingName) === building));
    if (candidates.length === 0) return { error: `Salle « ${values.room} »${values.building ? ` du bâtiment « ${values.building} »` : ''} inconnue dans l’établissement ${school.uai}.` };
    if (candidates.length > 1) return { error: `Plusieurs salles « ${values.room} » dans l’établissement ${school.uai} : indiquez le bâtiment.` };
    if (candidates[0].id !== current?.asset.roomId || columns.establishmentId !== undefined) columns.roomId = candidates[0].id;
  }
  return { columns };
}
