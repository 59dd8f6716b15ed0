import { authorityKinds, organizationKindLabels, organizationKinds, type OrganizationKind } from '../../shared/establishments.js';

// written once in src/shared/establishments.ts: the web's pages show the same words
export { authorityKinds, organizationKindLabels, organizationKinds, type OrganizationKind };
