import { authzMatrix as coreMatrix, type MatrixEntry } from './authz-matrix.js';
import { guichetMailMatrix } from './authz-matrix-guichet-mail.js';
import { guichetConfigMatrix } from './authz-matrix-guichet-config.js';
import { guichetDashboardMatrix } from './authz-matrix-guichet-dashboard.js';
import { guichetWebMatrix } from './authz-matrix-guichet-web.js';
import { parcFleetMatrix } from './authz-matrix-parc-fleet.js';
import { parcExportsMatrix } from './authz-matrix-parc-exports.js';

/**
 * Every entry of the authorization matrix. Modules that grow many routes keep their entries in a
 * file of their own (src/test/authz-matrix-<area>.ts, built with the helpers that authz-matrix.ts
 * exports) and add it here.
 */
export const authzMatrix: Record<string, MatrixEntry> = {
  ...coreMatrix,
  ...guichetMailMatrix,
  ...guichetConfigMatrix,
  ...guichetDashboardMatrix,
  ...guichetWebMatrix,
  ...parcFleetMatrix,
  ...parcExportsMatrix,
};
