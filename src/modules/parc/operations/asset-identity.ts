import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { assets } from '../db/schema.js';

/** A serial as matching compares it: upper case, no spaces (stored serials may predate that rule). */
export const serialKey = sql`upper(regexp_replace(${assets.serial}, '\\s', '', 'g'))`;

/**
 * A serial or inventory number already carried by another device of the tenant is refused: two
 * records of one machine would split its history. The answer names the number, not the device,
 * which may be outside the caller's scope.
 */
export async function assertUniqueIdentifiers(db: Db, params: { tenantId: string; serial?: string | null; inventoryNumber?: string | null; exceptId?: string }) {
  const keys: SQL[] = [];
  if (params.serial) keys.push(sql`${serialKey} = ${params.serial}`);
  if (params.inventoryNumber) keys.push(eq(assets.inventoryNumber, params.inventoryNumber));
  if (keys.length === 0) return;
  const [clash] = await db
    .select({ serial: assets.serial, inventoryNumber: assets.inventoryNumber })
    .from(assets)
    .where(and(eq(assets.tenantId, params.tenantId), or(...keys), params.exceptId ? ne(assets.id, params.exceptId) : undefined))
    .limit(1);
  if (!clash) return;
  const sameInventory = params.inventoryNumber && clash.inventoryNumber === params.inventoryNumber;
  const message = sameInventory
    ? `Un autre équipement porte déjà le numéro d’inventaire ${params.inventoryNumber}.`
    : `Un autre équipement porte déjà le numéro de série ${params.serial}.`;
  throw new AppError('CONFLICT', message, { issues: [{ path: sameInventory ? 'inventoryNumber' : 'serial', message }] });
}
