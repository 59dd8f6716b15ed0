import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { maxExportRows, type ExportSource } from '../../../server/platform/export.js';
import { streamRows } from '../../../server/platform/query-stream.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { tickets } from '../db/schema.js';
import { loadDeskConfig } from '../desk-config.js';
import { ticketColumns, type ExportedTicket } from '../export-columns.js';
import { ticketFilters, ticketOrder, ticketWhere } from './find-tickets.js';

export const ticketsExportInput = ticketFilters;

/** The list's tickets (never a follow-up), same filters, order and scope, read through one cursor as the file is written. */
export async function exportTickets(ctx: Ctx, filters: z.infer<typeof ticketsExportInput>): Promise<ExportSource<ExportedTicket>> {
  const where = await ticketWhere(ctx, filters, 'ticket.export');
  const query = ctx.db
    .select({ ticket: tickets, uai: establishments.uai, establishmentName: establishments.name })
    .from(tickets)
    .innerJoin(establishments, and(eq(establishments.tenantId, tickets.tenantId), eq(establishments.id, tickets.establishmentId)))
    .where(where)
    .orderBy(...ticketOrder(filters))
    .limit(maxExportRows);
  const config = await loadDeskConfig(ctx, ctx.actor!.tenantId);
  return { basename: 'tickets', sheetName: 'Tickets', columns: ticketColumns(config), rows: streamRows(ctx.db, query) };
}
