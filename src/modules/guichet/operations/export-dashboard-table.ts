import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { ExportSource } from '../../../server/platform/export.js';
import { dashboardTableNames, dashboardTables } from '../dashboard/dashboard-tables.js';
import { deskDashboardInput, getDeskDashboard } from './get-desk-dashboard.js';

export const dashboardTableExportInput = deskDashboardInput.extend({ table: z.enum(dashboardTableNames) });

/** One table of the desk's dashboard: the same figures as its chart, for the tickets the caller may read. */
export async function exportDashboardTable(ctx: Ctx, input: z.infer<typeof dashboardTableExportInput>): Promise<ExportSource<unknown>> {
  authorize(ctx.actor, 'ticket.export');
  const { table, ...filters } = input;
  const spec = dashboardTables[table];
  const dashboard = await getDeskDashboard(ctx, filters);
  return { basename: `guichet-${table}`, sheetName: spec.sheetName, columns: spec.columns, rows: spec.rows(dashboard) };
}
