import type { FastifyInstance } from 'fastify';
import { attachmentRoutes } from './routes/attachments.js';
import { deskRoutes } from './routes/desk.js';
import { ticketActionRoutes } from './routes/ticket-actions.js';
import { ticketRoutes } from './routes/tickets.js';

export async function guichetRoutes(app: FastifyInstance) {
  await app.register(ticketRoutes);
  await app.register(ticketActionRoutes);
  await app.register(attachmentRoutes);
  await app.register(deskRoutes);
}
