import { asc, desc } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { maxExportRows, type ExportSource } from '../../../../server/platform/export.js';
import { establishmentsView as establishments } from '../../../referentiel/index.js';
import { siteLinks } from '../db/schema.js';
import { linkEstablishmentJoin } from '../link-scope.js';
import { findLinksInput, linkTechnologyLabels, type FindLinksInput } from './link.input.js';
import { siteLinkColumns, siteLinksWhere } from './find-site-links.js';

export const linksExportInput = findLinksInput.omit({ page: true, pageSize: true });
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** The links of the list (same filters and scope) as CSV or XLSX. */
export async function exportSiteLinks(ctx: Ctx, input: Omit<FindLinksInput, 'page' | 'pageSize'>): Promise<ExportSource<Awaited<ReturnType<typeof load>>[number]>> {
  const rows = await load(ctx, input);
  return {
    basename: 'liens-reseau',
    sheetName: 'Liens',
    rows,
    columns: [
      { header: 'UAI', value: (r) => r.uai },
      { header: 'Établissement', value: (r) => r.establishmentName },
      { header: 'Opérateur', value: (r) => r.link.operator },
      { header: 'Technologie', value: (r) => linkTechnologyLabels[r.link.technology as keyof typeof linkTechnologyLabels] ?? r.link.technology },
      { header: 'Symétrique', value: (r) => (r.link.symmetric ? 'oui' : 'non') },
      { header: 'Débit descendant (Mbit/s)', value: (r) => r.link.downMbps },
      { header: 'Débit montant (Mbit/s)', value: (r) => r.link.upMbps },
      { header: 'Coût mensuel HT (EUR)', value: (r) => euros(r.link.monthlyCostCents) },
      { header: 'Frais de mise en service HT (EUR)', value: (r) => euros(r.link.setupFeeCents) },
      { header: 'Début', value: (r) => r.link.startDate },
      { header: 'Fin', value: (r) => r.link.endDate },
    ],
  };
}

function load(ctx: Ctx, input: Omit<FindLinksInput, 'page' | 'pageSize'>) {
  return ctx.db
    .select(siteLinkColumns)
    .from(siteLinks)
    .innerJoin(establishments, linkEstablishmentJoin)
    .where(siteLinksWhere(ctx, input))
    .orderBy(asc(establishments.uai), desc(siteLinks.startDate))
    .limit(maxExportRows);
}
