export { checkUai, uaiCheckLetter } from './uai.js';
export { findEstablishmentByUai, findOrganizationByCode } from './db/queries.js';
export { organizations, establishments, territorialUnits } from './db/schema.js';
export { establishmentScopeWhere } from './db/queries.js';
export { buildings, rooms } from './db/schema.js';
export { establishmentDirectory, directoryEntryOfUai, type DirectoryEntry } from './db/establishment-directory.js';
