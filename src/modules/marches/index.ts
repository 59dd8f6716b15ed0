/** Contracts and purchasing groups (marchés): what other modules, the demo seed and the CLI may use. */
export { marchesModule } from './module.js';
export { currentSiteLinks, type CurrentSiteLink } from './links/current-site-links.js';
