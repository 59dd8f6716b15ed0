/** Reading what inventory agents send: pure functions, no database. */
export { decodeBody, encodeReply, type BodyEncoding, type BodyFormat, type DecodedBody } from './decode-body.js';
export { defaultInventoryLimits, type InventoryLimits } from './limits.js';
export { parseOcsRequest, type OcsQuery, type OcsRequest } from './ocs-request.js';
export { prologReply, inventoryReply, ocsErrorReply, DEFAULT_PROLOG_FREQ_HOURS } from './ocs-replies.js';
export { normalizeOcs, type NormalizeOcsOptions } from './normalize-ocs.js';
export { parseGlpiMessage, type GlpiMessage } from './glpi-request.js';
export { validateGlpiInventory, type GlpiInventory } from './validate-glpi-json.js';
export { normalizeGlpiJson } from './normalize-glpi-json.js';
export { contactReply, glpiPrologReply, inventoryOkReply, pendingReply, glpiErrorReply, GLPI_FORMAT_VERSION } from './glpi-replies.js';
export { softwareKey, type SoftwareKey, type SoftwareNaming } from './software-key.js';
export { matchKeys, decideMatch, type MatchKeys, type MatchableReport, type MatchCandidate, type MatchDecision, type MatchLevel } from './match-keys.js';
export * from './inventory-report.js';
