export { checkUai, uaiCheckLetter } from './uai.js';
export { findEstablishmentByUai, findOrganizationByCode } from './db/queries.js';
export { organizations, establishments, territorialUnits } from './db/schema.js';
