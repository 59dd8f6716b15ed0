import { authzMatrix as coreMatrix, type MatrixEntry } from './authz-matrix.js';
import { accessMatrix } from './authz-matrix-access.js';
import { guichetMatrix } from './authz-matrix-guichet.js';
import { parcMatrix } from './authz-matrix-parc.js';
import { referentielMatrix } from './authz-matrix-referentiel.js';
import { guichetMailMatrix } from './authz-matrix-guichet-mail.js';
import { guichetConfigMatrix } from './authz-matrix-guichet-config.js';
import { guichetDashboardMatrix } from './authz-matrix-guichet-dashboard.js';
import { guichetWebMatrix } from './authz-matrix-guichet-web.js';
import { parcFleetMatrix } from './authz-matrix-parc-fleet.js';
import { parcExportsMatrix } from './authz-matrix-parc-exports.js';

/**
 * Every entry of the authorization matrix. Each area keeps its entries in a file of its own (src/test/authz-matrix-<area>.ts, built with the helpers that authz-matrix.ts
 * exports) and add it here.
 */
export const authzMatrix: Record<string, MatrixEntry> = {
  ...coreMatrix,
  ...accessMatrix,
  ...referentielMatrix,
  ...parcMatrix,
  ...guichetMatrix,
  ...guichetMailMatrix,
  ...guichetConfigMatrix,
  ...guichetDashboardMatrix,
  ...guichetWebMatrix,
  ...parcFleetMatrix,
  ...parcExportsMatrix,
};
