import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { AuthedCtx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { assetClassLabels, type AssetClass } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { assetSearchText } from '../ingest/asset-fields.js';
import { normalizeSerial } from '../inventory/match-keys.js';
import { ageYearsSql, expectedLifeSql, inFleetSql, renewalYearSql, warrantySql } from '../lifecycle/lifecycle-sql.js';
import { assertUniqueIdentifiers } from './asset-identity.js';
import { writePersonEvents } from './asset-history.js';
import { fleetSettings } from './fleet-scope.js';

/**
 * What the calls for projects (campagnes) do to the fleet, behind the parc's index: the caller
 * has already authorized the person on its own file and runs these inside its transaction, so
 * the file's change and the fleet's land together or not at all.
 */

export interface FamilyDeviceInput {
  tenantId: string;
  establishmentId: string;
  /** Whose device it is, as the school knows the pupil (« Lucas Martin, 2nde 3 »). */
  name: string;
  serial: string;
  model: string | null;
  priceCents: number;
  deliveredOn: string;
  /** The campaign file it comes from, kept in the device's history. */
  reference: string;
}

/** A pupil's own device handed over at school: BYOD, owned by the family, funded by the aid. */
export async function recordFamilyDevice(ctx: AuthedCtx, tx: Db, input: FamilyDeviceInput): Promise<{ id: string }> {
  const serial = normalizeSerial(input.serial);
  if (!serial) throw new AppError('VALIDATION', 'Indiquez le numéro de série de l’équipement remis.', { issues: [{ path: 'serial', message: 'Numéro de série manquant.' }] });
  await assertUniqueIdentifiers(tx, { tenantId: input.tenantId, serial });
  const now = ctx.now();
  const values = {
    tenantId: input.tenantId,
    assetClass: 'byod',
    status: 'in-service',
    establishmentId: input.establishmentId,
    name: input.name,
    serial,
    model: input.model,
    ownerKind: 'family',
    funder: 'authority',
    fundingSource: 'family-aid',
    purchaseDate: input.deliveredOn,
    purchasePrice: (input.priceCents / 100).toFixed(2),
    orderReference: input.reference,
    searchText: assetSearchText({ name: input.name, serial }),
    createdAt: now,
    updatedAt: now,
  };
  const [created] = await tx.insert(assets).values(values).returning({ id: assets.id });
  await writePersonEvents(ctx, tx, [{ assetId: created.id, kind: 'install', summary: `Remis à la famille (aide à l’équipement, dossier ${input.reference})` }]);
  await recordAudit(ctx, tx, [{ tenantId: input.tenantId, action: 'create', entityType: 'asset', entityId: created.id, after: { ...values, createdAt: undefined, updatedAt: undefined } }]);
  return created;
}

export interface ProjectLoanInput {
  tenantId: string;
  establishmentId: string;
  assetClass: Extract<AssetClass, 'tablet' | 'mobile-cart' | 'laptop'>;
  quantity: number;
  /** The project and its school, as the loan shows it. */
  borrower: string;
  from: string;
  until: string;
}

/**
 * Lends devices the authority holds in stock (not yet placed at a school) to a school's project:
 * they move to the school, lent until the end date. Not enough in stock: nothing is lent.
 */
export async function lendForProject(ctx: AuthedCtx, tx: Db, input: ProjectLoanInput): Promise<{ assetIds: string[] }> {
  const picked = await tx
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.tenantId, input.tenantId), eq(assets.assetClass, input.assetClass), eq(assets.status, 'in-stock'), sql`${assets.establishmentId} is null`))
    .orderBy(asc(assets.createdAt), asc(assets.id))
    .limit(input.quantity)
    .for('update', { skipLocked: true });
  if (picked.length < input.quantity) {
    throw new AppError(
      'CONFLICT',
      `Stock insuffisant : ${picked.length} ${assetClassLabels[input.assetClass].toLowerCase()}(s) disponible(s) pour ${input.quantity} demandé(s). Rien n’a été prêté.`,
    );
  }
  const ids = picked.map((p) => p.id);
  const now = ctx.now();
  await tx
    .update(assets)
    .set({ status: 'lent', establishmentId: input.establishmentId, roomId: null, loanBorrower: input.borrower, loanDue: input.until, updatedAt: now, version: sql`${assets.version} + 1` })
    .where(and(eq(assets.tenantId, input.tenantId), inArray(assets.id, ids)));
  const summary = `Prêté pour le projet « ${input.borrower} » du ${input.from} au ${input.until}`;
  await writePersonEvents(ctx, tx, ids.map((assetId) => ({ assetId, kind: 'status' as const, summary, details: { from: input.from, until: input.until } })));
  await recordAudit(ctx, tx, ids.map((entityId) => ({ tenantId: input.tenantId, action: 'lend', entityType: 'asset', entityId, after: { borrower: input.borrower, from: input.from, until: input.until } })));
  return { assetIds: ids };
}

export interface ProjectLoanReturn {
  tenantId: string;
  /** The school the devices were lent to: a device moved elsewhere since is no longer this loan's. */
  establishmentId: string;
  assetIds: string[];
  /** Why they come back (« dossier n° 12 rouvert »), in each device's history. */
  reason: string;
}

/**
 * Puts the devices of a project's loan back in the authority's stock (no school, no borrower),
 * in the caller's transaction. Devices no longer lent to that school (declared lost, moved) stay
 * as they are and are reported; the lend and the return both stay in each device's history.
 */
export async function returnProjectLoan(ctx: AuthedCtx, tx: Db, input: ProjectLoanReturn): Promise<{ returnedIds: string[]; keptIds: string[] }> {
  if (!input.assetIds.length) return { returnedIds: [], keptIds: [] };
  const now = ctx.now();
  const returned = await tx
    .update(assets)
    .set({ status: 'in-stock', establishmentId: null, roomId: null, loanBorrower: null, loanDue: null, updatedAt: now, version: sql`${assets.version} + 1` })
    .where(and(eq(assets.tenantId, input.tenantId), inArray(assets.id, input.assetIds), eq(assets.status, 'lent'), eq(assets.establishmentId, input.establishmentId)))
    .returning({ id: assets.id });
  const returnedIds = returned.map((r) => r.id);
  const keptIds = input.assetIds.filter((id) => !returnedIds.includes(id));
  const summary = `Rendu au stock : ${input.reason}`;
  await writePersonEvents(ctx, tx, returnedIds.map((assetId) => ({ assetId, kind: 'status' as const, summary, details: { from: input.establishmentId } })));
  await recordAudit(ctx, tx, returnedIds.map((entityId) => ({ tenantId: input.tenantId, action: 'return', entityType: 'asset', entityId, before: { status: 'lent', establishmentId: input.establishmentId }, after: { status: 'in-stock', reason: input.reason } })));
  return { returnedIds, keptIds };
}

export interface SchoolFleetLine {
  assetClass: string;
  count: number;
  averageAgeYears: number | null;
  underWarranty: number;
  warrantyExpired: number;
  /** Devices whose expected life ends this year or earlier, then next year. */
  renewalDueNow: number;
  renewalDueNextYear: number;
  expectedLifeYears: number;
}

/** One school's fleet by class: what a renewal request is read beside. */
export async function schoolFleetSummary(db: Db, params: { tenantId: string; establishmentId: string; today: string }): Promise<SchoolFleetLine[]> {
  const bySchool = await schoolsFleetSummary(db, { tenantId: params.tenantId, establishmentIds: [params.establishmentId], today: params.today });
  return bySchool.get(params.establishmentId) ?? [];
}

/** Several schools' fleets by class in one query (a page of renewal files, an export's batch), by establishment id. */
export async function schoolsFleetSummary(db: Db, params: { tenantId: string; establishmentIds: string[]; today: string }): Promise<Map<string, SchoolFleetLine[]>> {
  const bySchool = new Map<string, SchoolFleetLine[]>();
  const ids = [...new Set(params.establishmentIds)];
  if (!ids.length) return bySchool;
  const { expectedLife } = await fleetSettings(db, params.tenantId);
  const year = Number(params.today.slice(0, 4));
  const renewal = renewalYearSql(expectedLife);
  const warranty = warrantySql(params.today);
  const rows = await db
    .select({
      establishmentId: assets.establishmentId,
      assetClass: assets.assetClass,
      count: sql<number>`count(*)`.mapWith(Number),
      averageAgeYears: sql<number | null>`round(avg(${ageYearsSql(params.today)}), 1)`.mapWith((v) => (v === null ? null : Number(v))),
      underWarranty: sql<number>`count(*) filter (where ${warranty} = 'covered')`.mapWith(Number),
      warrantyExpired: sql<number>`count(*) filter (where ${warranty} = 'expired')`.mapWith(Number),
      renewalDueNow: sql<number>`count(*) filter (where ${renewal} <= ${year})`.mapWith(Number),
      renewalDueNextYear: sql<number>`count(*) filter (where ${renewal} = ${year + 1})`.mapWith(Number),
      expectedLifeYears: sql<number>`min(${expectedLifeSql(expectedLife)})`.mapWith(Number),
    })
    .from(assets)
    .where(and(eq(assets.tenantId, params.tenantId), inArray(assets.establishmentId, ids), inFleetSql, sql`${assets.assetClass} <> 'byod'`))
    .groupBy(assets.establishmentId, assets.assetClass)
    .orderBy(assets.establishmentId, assets.assetClass);
  for (const { establishmentId, ...line } of rows) {
    const lines = bySchool.get(establishmentId!) ?? [];
    lines.push(line);
    bySchool.set(establishmentId!, lines);
  }
  return bySchool;
}
