/** The service desk (guichet unique): what other modules, the demo seed and the CLI may use. */
export { guichetRoutes } from './routes.js';
export { seedGuichetDemo } from './demo/seed-guichet-demo.js';
export { createTicket, createTicketInput, type CreateTicketInput } from './operations/create-ticket.js';
export { deskConfigCache, loadDeskConfig } from './desk-config.js';
export { tickets, supportTeams, categories } from './db/schema.js';
export { setDemoInboundAddress, demoInboundAddress } from './mail/mail-settings.js';
export { backgroundOf } from './jobs/background.js';
export { guichetModule } from './module.js';
export { serviceLevelsBySchool, withinAgreement, type SchoolServiceLevel, type ServiceLevelQuery } from './dashboard/service-levels.js';
export { seedTicketHistory, type TicketHistoryOptions } from './demo/seed-ticket-history.js';
export { deskAgreementByEstablishment, deskAgreementSql, type DeskAgreementFigures } from './steering/agreement-share.js';
