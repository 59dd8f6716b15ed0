import type { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import type { ExportColumn, ExportSource } from '../../../../server/platform/export.js';
import { getCommuneService, type communeServiceQuery } from './get-commune-service.js';

type SchoolRow = Awaited<ReturnType<typeof getCommuneService>>['schools'][number];

const columns: ExportColumn<SchoolRow>[] = [
  { header: 'UAI', value: (s) => s.uai },
  { header: 'École', value: (s) => s.name },
  { header: 'Élèves', value: (s) => s.pupils },
  { header: 'Équipements en service', value: (s) => s.devices },
  { header: 'Tickets ouverts', value: (s) => s.opened },
  { header: 'Part résolue dans les délais', value: (s) => s.withinRate },
];

/** The commune's écoles with the service each got, as the commune's page shows them (same scope check). */
export async function exportCommuneService(ctx: Ctx, communeId: string, query: z.infer<typeof communeServiceQuery>): Promise<ExportSource<SchoolRow>> {
  const report = await getCommuneService(ctx, communeId, query);
  const slug = report.commune.inseeCode;
  return { basename: `service-ecoles-${slug}-${report.period.year}`, sheetName: 'Écoles', columns, rows: report.schools };
}
