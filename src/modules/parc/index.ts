/** The fleet (parc): what the application, the demo seed and other modules may use. */
export { parcRoutes, parcAgentRoutes } from './routes.js';
export { installParcBackground } from './jobs/background.js';
export { intakeSettingsFromEnv, type AgentIntakeSettings } from './jobs/agent-intake.js';
export { ingestReport } from './operations/ingest-report.js';
