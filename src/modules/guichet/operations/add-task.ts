import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { tasks } from '../db/schema.js';
import { actorFields, loadTicket, requireNotClosed } from '../ticket-store.js';

export const addTaskInput = z.object({
  description: z.string().trim().min(1).max(5000),
  /** Time spent, in minutes (at most a day per task). */
  minutes: z.number().int().min(1).max(1440),
  /** When the work was done, if not now (in the past). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type AddTaskInput = z.input<typeof addTaskInput>;

/** Work done on a ticket and its time, for the desk's own accounting (never shown to a requester). */
export async function addTask(ctx: Ctx, input: { id: string; task: AddTaskInput }) {
  const task = addTaskInput.parse(input.task);
  const { ticket } = await loadTicket(ctx, input.id, { action: 'ticket.handle', handle: true });
  requireNotClosed(ticket);
  const at = task.at ? new Date(task.at) : ctx.now();
  if (at.getTime() > ctx.now().getTime()) throw new AppError('VALIDATION', 'Une tâche se saisit une fois faite : date dans le futur.', { issues: [{ path: 'at', message: 'Date dans le futur.' }] });
  const who = actorFields(ctx);
  const [row] = await ctx.db
    .insert(tasks)
    .values({ tenantId: ticket.tenantId, ticketId: ticket.id, at, authorId: who.actorId, authorLabel: who.actorLabel, description: task.description, minutes: task.minutes })
    .returning();
  return row;
}
