import { count } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { exportFormat, maxExportRows, pagedRows, type ExportColumn, type ExportSource } from '../../../../server/platform/export.js';
import { dossiers } from '../../db/schema.js';
import { stateLabels } from '../../dossier-states.js';
import { arbitrationFilters, arbitrationWhere, type ArbitrationFilters } from '../operations/arbitration-filters.js';
import { arbitratedFiles, arbitrationScope, type ArbitratedFile } from '../operations/get-renewal-arbitration.js';
import { classLabel, pricedClasses } from '../settings.js';

/** The page's filters, kept in the export. */
export const arbitrationExportInput = arbitrationFilters.extend({ format: exportFormat.default('csv') });

/** Files read per page while the export is written: each page is three queries. */
const exportPageSize = 500;

const euros = (cents: number) => cents / 100;

/** One line per file: the school, per priced class the fleet, what is due, asked and granted, then the amounts. */
export function arbitrationColumns(classes: string[]): ExportColumn<ArbitratedFile>[] {
  const line = (f: ArbitratedFile, c: string) => f.lines.find((l) => l.assetClass === c);
  const perClass = classes.flatMap((c): ExportColumn<ArbitratedFile>[] => [
    { header: `${classLabel(c)} : au parc`, value: (f) => line(f, c)?.fleetCount ?? 0 },
    { header: `${classLabel(c)} : à renouveler`, value: (f) => line(f, c)?.renewalDueNow ?? 0 },
    { header: `${classLabel(c)} : demandé`, value: (f) => line(f, c)?.requested ?? 0 },
    { header: `${classLabel(c)} : accordé`, value: (f) => line(f, c)?.granted ?? null },
  ]);
  return [
    { header: 'N° de dossier', value: (f) => f.number },
    { header: 'État', value: (f) => stateLabels[f.state as keyof typeof stateLabels] ?? f.state },
    { header: 'UAI', value: (f) => f.school.uai },
    { header: 'Établissement', value: (f) => f.school.name },
    ...perClass,
    { header: 'Demandé (€)', value: (f) => euros(f.requestedCents) },
    { header: 'Accordé (€)', value: (f) => euros(f.grantedCents) },
    { header: 'Demande au-delà du parc à renouveler', value: (f) => (f.overAsked ? 'Oui' : 'Non') },
    { header: 'Bon de commande', value: (f) => f.orderReference },
    { header: 'Justification', value: (f) => f.justification },
  ];
}

/**
 * The arbitration page as a spreadsheet: every submitted file in the actor's scope that the page's
 * filters keep (all pages), each beside its school's fleet, read a page at a time as the file is written. Who may read the
 * page and holds `dossier.export` may export it; `total` is counted first for the progress.
 */
export async function exportRenewalArbitration(ctx: Ctx, campaignIdOrCode: string, filters: ArbitrationFilters = {}): Promise<ExportSource<ArbitratedFile> & { total: number }> {
  const { campaign, where: scope } = await arbitrationScope(ctx, campaignIdOrCode, 'dossier.export');
  const today = ctx.now().toISOString().slice(0, 10);
  const where = await arbitrationWhere(ctx.db, campaign, scope, arbitrationFilters.parse(filters), today);
  const [counted] = await ctx.db.select({ n: count() }).from(dossiers).where(where);
  const rows = await pagedRows((page) => arbitratedFiles(ctx.db, campaign, where, { limit: exportPageSize, offset: (page - 1) * exportPageSize }, today), {
    pageSize: exportPageSize,
    maxRows: maxExportRows,
  });
  return { basename: `arbitrage-${campaign.code}`, sheetName: 'Arbitrage', columns: arbitrationColumns(pricedClasses(campaign)), rows, total: Math.min(counted!.n, maxExportRows) };
}
