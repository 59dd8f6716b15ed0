export { checkUai, uaiCheckLetter } from './uai.js';
export { findEstablishmentByUai, findOrganizationByCode } from './db/queries.js';
export { organizations, establishments, territorialUnits } from './db/schema.js';
export { referentielModule } from './module.js';
export { directoryEntryOfUai, establishmentDirectory, establishmentDirectoryCache, type DirectoryEntry } from './db/establishment-directory.js';
