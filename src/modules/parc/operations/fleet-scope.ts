import { and, eq, type SQL } from 'drizzle-orm';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { assets, inventorySettings } from '../db/schema.js';
import { resolveExpectedLife, type ExpectedLife } from '../lifecycle/expected-life.js';
import { assetWhere } from './find-assets.js';

export interface FleetEstablishment {
  id: string;
  uai: string;
  name: string;
  pupils: number | null;
}

export interface FleetScope {
  tenantId: string;
  /** Devices the actor may see (the same rule as the device list), narrowed to one school when asked. */
  where: SQL;
  establishment: FleetEstablishment | null;
}

/**
 * The devices a fleet page counts: those of the actor's scope, or of one school of it. A school
 * outside the scope, or of another tenant, is "not found", as in the device list.
 */
export async function fleetScope(ctx: Ctx, uai: string | undefined): Promise<FleetScope> {
  authorize(ctx.actor, 'asset.read');
  const tenantId = ctx.actor.tenantId;
  const establishment = uai ? await establishmentInScope(ctx as AuthedCtx, uai) : null;
  const where = assetWhere(ctx, { sort: 'name', order: 'asc' });
  return { tenantId, where: establishment ? and(where, eq(assets.establishmentId, establishment.id))! : where, establishment };
}

export async function establishmentInScope(ctx: AuthedCtx, uai: string): Promise<FleetEstablishment> {
  const [row] = await ctx.db
    .select({ id: establishments.id, uai: establishments.uai, name: establishments.name, pupils: establishments.pupils })
    .from(establishments)
    .where(
      and(
        eq(establishments.tenantId, ctx.actor.tenantId),
        eq(establishments.uai, uai.trim().toUpperCase()),
        establishmentScopeWhere(establishmentScope(ctx.actor, 'asset.read')),
      ),
    );
  if (!row) throw notFound('Établissement');
  return row;
}

export interface FleetSettings {
  expectedLife: ExpectedLife;
  staleAfterDays: number;
}

/** The tenant's lifecycle settings, defaults when it has none. */
export async function fleetSettings(db: Db, tenantId: string): Promise<FleetSettings> {
  const [row] = await db
    .select({ expectedLifeYears: inventorySettings.expectedLifeYears, staleAfterDays: inventorySettings.staleAfterDays })
    .from(inventorySettings)
    .where(eq(inventorySettings.tenantId, tenantId));
  return { expectedLife: resolveExpectedLife(row?.expectedLifeYears), staleAfterDays: row?.staleAfterDays ?? 30 };
}

export const establishmentJoin = and(eq(establishments.tenantId, assets.tenantId), eq(establishments.id, assets.establishmentId));
