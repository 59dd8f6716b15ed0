/**
 * The référentiel: what other modules may use. They read its data through the views below (their
 * SQL names `referentiel.<table>_view`, never a table) and the functions here.
 */
export { checkUai, uaiCheckLetter } from './uai.js';
export { findEstablishmentByUai, findOrganizationByCode, establishmentsViewScopeWhere as establishmentScopeWhere, establishmentScopeText } from './db/queries.js';
export { organizationsView, territorialUnitsView, establishmentsView, buildingsView, roomsView } from './db/views.js';
export { establishmentDirectory, establishmentDirectoryCache, directoryEntryOfUai, type DirectoryEntry } from './db/establishment-directory.js';
export { referentielModule } from './module.js';
export { rennesMetropoleDemoKey, type RennesMetropoleDemo } from './demo/seed-rennes-metropole.js';
