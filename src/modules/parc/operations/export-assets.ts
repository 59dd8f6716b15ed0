import { and, asc, desc, eq } from 'drizzle-orm';
import { maxExportRows, type ExportColumn, type ExportFormat, type ExportSource } from '../../../server/platform/export.js';
import { streamRows } from '../../../server/platform/query-stream.js';
import type { Ctx } from '../../../server/platform/context.js';
import { buildingsView as buildings, establishmentsView as establishments, roomsView as rooms } from '../../referentiel/index.js';
import { assetClassLabels, assetStatusLabels, fundingSources, ownerKinds, type AssetClass, type AssetStatus } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { fundingSourceLabels, ownerKindLabels } from '../import/asset-vocabulary.js';
import { assetWhere, type FindAssetsInput } from './find-assets.js';
import { readInventorySettings } from './get-inventory-settings.js';
import { displayName } from '../../../shared/display-name.js';

export type AssetExportRow = Awaited<ReturnType<typeof selectRows>>[number];

function selectRows(ctx: Ctx, filters: Omit<FindAssetsInput, 'page' | 'pageSize'>) {
  const direction = filters.order === 'desc' ? desc : asc;
  return ctx.db
    .select({ asset: assets, uai: establishments.uai, establishmentName: establishments.name, roomName: rooms.name, buildingName: buildings.name })
    .from(assets)
    .leftJoin(establishments, and(eq(establishments.tenantId, assets.tenantId), eq(establishments.id, assets.establishmentId)))
    .leftJoin(rooms, and(eq(rooms.tenantId, assets.tenantId), eq(rooms.id, assets.roomId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, rooms.tenantId), eq(buildings.id, rooms.buildingId)))
    .where(assetWhere(ctx, filters))
    .orderBy(direction(assets[filters.sort]), asc(assets.id))
    .limit(maxExportRows);
}

/** The devices of the list, same filters and scope, with what the export's columns need, read as the file is written. */
export async function exportAssets(ctx: Ctx, input: Omit<FindAssetsInput, 'page' | 'pageSize'> & { format: ExportFormat }): Promise<ExportSource<AssetExportRow>> {
  const { format, ...filters } = input;
  const settings = await readInventorySettings(ctx.db, ctx.actor!.tenantId);
  const staleBefore = new Date(ctx.now().getTime() - settings.staleAfterDays * 86_400_000);
  return {
    basename: 'equipements',
    sheetName: 'Équipements',
    columns: assetColumns(format, { expectedLifeYears: settings.expectedLifeYears, staleBefore }),
    rows: streamRows(ctx.db, selectRows(ctx, filters)),
  };
}

/** 2025-09-01 → 01/09/2025, as French spreadsheets show dates (the import reads both). */
const frenchDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null);

function endOfLife(purchaseDate: string | null, years: number | undefined): string | null {
  if (!purchaseDate || !years) return null;
  const [y, m, d] = purchaseDate.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10); // 29 February rolls to 1 March
}

const label = <K extends string>(labels: Record<K, string>, known: readonly K[]) => (value: string | null) =>
  value && (known as readonly string[]).includes(value) ? labels[value as K] : value;
const ownerLabel = label(ownerKindLabels, ownerKinds);
const fundingLabel = label(fundingSourceLabels, fundingSources);

/**
 * The export's columns; their headers are those the import recognises, so an exported file
 * edited in a spreadsheet imports back as it is. Prices are numbers in XLSX, « 1249,90 » in CSV.
 */
export function assetColumns(format: ExportFormat, options: { expectedLifeYears: Record<AssetClass, number>; staleBefore: Date }): ExportColumn<AssetExportRow>[] {
  return [
    { header: 'UAI', value: (r) => r.uai },
    { header: 'Établissement', value: (r) => r.establishmentName && displayName(r.establishmentName) },
    { header: 'Bâtiment', value: (r) => r.buildingName },
    { header: 'Salle', value: (r) => r.roomName },
    { header: 'Type', value: (r) => assetClassLabels[r.asset.assetClass as AssetClass] ?? r.asset.assetClass },
    { header: 'Statut', value: (r) => assetStatusLabels[r.asset.status as AssetStatus] ?? r.asset.status },
    { header: 'Nom', value: (r) => r.asset.name },
    { header: 'N° de série', value: (r) => r.asset.serial },
    { header: 'N° d’inventaire', value: (r) => r.asset.inventoryNumber },
    { header: 'Fabricant', value: (r) => r.asset.manufacturer },
    { header: 'Modèle', value: (r) => r.asset.model },
    { header: 'Propriétaire', value: (r) => ownerLabel(r.asset.ownerKind) },
    { header: 'Financeur', value: (r) => ownerLabel(r.asset.funder) },
    { header: 'Source de financement', value: (r) => fundingLabel(r.asset.fundingSource) },
    { header: 'Fournisseur', value: (r) => r.asset.supplier },
    { header: 'Référence de commande', value: (r) => r.asset.orderReference },
    { header: 'Date d’achat', value: (r) => frenchDate(r.asset.purchaseDate) },
    {
      header: 'Prix d’achat',
      value: (r) => (r.asset.purchasePrice === null ? null : format === 'xlsx' ? Number(r.asset.purchasePrice) : r.asset.purchasePrice.replace('.', ',')),
    },
    { header: 'Fin de garantie', value: (r) => frenchDate(r.asset.warrantyEnd) },
    { header: 'Fin de vie prévue', value: (r) => frenchDate(endOfLife(r.asset.purchaseDate, options.expectedLifeYears[r.asset.assetClass as AssetClass])) },
    { header: 'Version d’image', value: (r) => r.asset.imageVersion },
    { header: 'Système', value: (r) => [r.asset.osName, r.asset.osVersion].filter(Boolean).join(' ') || null },
    { header: 'Mémoire (Mo)', value: (r) => r.asset.memoryMb },
    { header: 'Adresses MAC', value: (r) => r.asset.macAddresses.join(', ') || null },
    { header: 'Dernier inventaire', value: (r) => r.asset.lastInventoryAt?.toISOString().slice(0, 16).replace('T', ' ') ?? null },
    { header: 'Non vu depuis longtemps', value: (r) => (r.asset.lastInventoryAt && r.asset.lastInventoryAt < options.staleBefore ? 'Oui' : 'Non') },
  ];
}
