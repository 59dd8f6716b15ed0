/**
 * The campaigns (calls for projects, family aid): what other modules, the demo and the CLI may use.
 * The kinds inside this module (family-aid/, renewal/, project-loan/) import its files directly.
 */
export { campagnesModule } from './module.js';
export { campagnesRoutes } from './routes.js';
export { transitionDossier, canTransition, assertTransition, dossierTransitions, decisionStates, stateLabels, type DossierRow, type DossierTransition } from './dossier-states.js';
export { grantedRenewalQuantities, type GrantedRenewalQuantity } from './renewal/granted-quantities.js';
