import type { FastifyInstance } from 'fastify';
import { attachmentRoutes } from './routes/attachments.js';
import { assigneeRoutes } from './routes/assignees.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { deskRoutes } from './routes/desk.js';
import { deskConfigRoutes } from './routes/desk-config.js';
import { mailSettingsRoutes } from './mail/routes.js';
import { ticketActionRoutes } from './routes/ticket-actions.js';
import { ticketRoutes } from './routes/tickets.js';

export async function guichetRoutes(app: FastifyInstance) {
  await app.register(ticketRoutes);
  await app.register(ticketActionRoutes);
  await app.register(attachmentRoutes);
  await app.register(deskRoutes);
  await app.register(assigneeRoutes);
  await app.register(dashboardRoutes);
  await app.register(deskConfigRoutes);
  await app.register(mailSettingsRoutes);
}
