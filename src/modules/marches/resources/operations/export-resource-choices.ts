import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { exportFormat, maxExportRows, type ExportSource } from '../../../../server/platform/export.js';
import { establishmentsView as establishments } from '../../../referentiel/index.js';
import { resourceChoices, resourceTitles } from '../db/schema.js';
import { findChoicesInput } from '../resource.input.js';
import { choiceColumns, choiceJoins, choiceOrder, choicesWhere, type ChoicesFilter } from './find-resource-choices.js';

export const exportChoicesInput = findChoicesInput.omit({ page: true, pageSize: true }).extend({ format: exportFormat.default('csv') });

type Row = Awaited<ReturnType<typeof load>>[number];
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const stateOf = (r: Row) => (r.choice.orderId ? 'Commandé' : r.digital ? 'En attente de consolidation' : 'Achat papier sur les réserves');

/** The choices of the list (same filters, same scope, same order), every page, as CSV or XLSX. */
export async function exportResourceChoices(ctx: Ctx, input: ChoicesFilter): Promise<ExportSource<Row>> {
  const rows = await load(ctx, input);
  return {
    basename: 'choix-ressources',
    sheetName: 'Choix',
    rows,
    columns: [
      { header: 'UAI', value: (r) => r.uai },
      { header: 'Établissement', value: (r) => r.establishmentName },
      { header: 'Titre', value: (r) => r.title },
      { header: 'Éditeur', value: (r) => r.publisher },
      { header: 'Niveau', value: (r) => r.choice.level },
      { header: 'Quantité', value: (r) => r.choice.quantity },
      { header: 'Version', value: (r) => (r.digital ? 'Numérique' : 'Papier seulement') },
      { header: 'Prix par licence HT (EUR)', value: (r) => euros(r.pricePerLicenceCents) },
      { header: 'Montant HT (EUR)', value: (r) => euros(r.choice.quantity * r.pricePerLicenceCents) },
      { header: 'État', value: stateOf },
      { header: 'Choisi par', value: (r) => r.choice.chosenBy },
    ],
  };
}

function load(ctx: Ctx, input: ChoicesFilter) {
  return ctx.db
    .select(choiceColumns)
    .from(resourceChoices)
    .innerJoin(resourceTitles, choiceJoins.title)
    .innerJoin(establishments, choiceJoins.site)
    .where(choicesWhere(ctx, input))
    .orderBy(...choiceOrder)
    .limit(maxExportRows);
}
