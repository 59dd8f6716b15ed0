/** Steering (pilotage): what other modules, the demo seed and the CLI may use. */
export { pilotageModule } from './module.js';
