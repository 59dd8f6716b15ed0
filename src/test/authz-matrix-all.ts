import { gatherMatrix } from './authz-matrix.js';
import { accessMatrix } from './authz-matrix-access.js';
import { familyAidMatrix } from './authz-matrix-family-aid.js';
import { campagnesMatrix } from './authz-matrix-campagnes.js';
import { campagnesKindsMatrix } from './authz-matrix-campagnes-kinds.js';
import { candidatureMatrix } from './authz-matrix-candidature.js';
import { guichetMatrix } from './authz-matrix-guichet.js';
import { guichetConfigMatrix } from './authz-matrix-guichet-config.js';
import { guichetDashboardMatrix } from './authz-matrix-guichet-dashboard.js';
import { guichetMailMatrix } from './authz-matrix-guichet-mail.js';
import { guichetWebMatrix } from './authz-matrix-guichet-web.js';
import { marchesMatrix } from './authz-matrix-marches.js';
import { marchesOrdersMatrix } from './authz-matrix-marches-orders.js';
import { marchesResourcesMatrix } from './authz-matrix-marches-resources.js';
import { parcMatrix } from './authz-matrix-parc.js';
import { parcExportsMatrix } from './authz-matrix-parc-exports.js';
import { parcFleetMatrix } from './authz-matrix-parc-fleet.js';
import { pilotageGovernanceMatrix } from './authz-matrix-pilotage-governance.js';
import { pilotageMatrix } from './authz-matrix-pilotage.js';
import { platformMatrix } from './authz-matrix-platform.js';
import { referentielMatrix } from './authz-matrix-referentiel.js';

/**
 * Every entry of the authorization matrix. Each area keeps its entries in a file of its own
 * (src/test/authz-matrix-<area>.ts, written with the helpers of authz-matrix.ts and the role
 * groups and records of src/test/matrix-fixtures/<module>.ts) and is named here; an operationId
 * described by two areas fails here.
 */
export const authzMatrix = gatherMatrix({
  platform: platformMatrix,
  access: accessMatrix,
  referentiel: referentielMatrix,
  parc: parcMatrix,
  'parc-fleet': parcFleetMatrix,
  'parc-exports': parcExportsMatrix,
  guichet: guichetMatrix,
  'guichet-mail': guichetMailMatrix,
  'guichet-config': guichetConfigMatrix,
  'guichet-dashboard': guichetDashboardMatrix,
  'guichet-web': guichetWebMatrix,
  'family-aid': familyAidMatrix,
  campagnes: campagnesMatrix,
  'campagnes-kinds': campagnesKindsMatrix,
  candidature: candidatureMatrix,
  marches: marchesMatrix,
  pilotage: pilotageMatrix,
  'marches-orders': marchesOrdersMatrix,
  'marches-resources': marchesResourcesMatrix,
  'pilotage-governance': pilotageGovernanceMatrix,
});
