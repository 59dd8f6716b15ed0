import { everyone, type MatrixEntry } from './authz-matrix.js';

/** The platform's own public routes: their entries in the authorization matrix (see authz-matrix.ts for the rules). */
export const platformMatrix: Record<string, MatrixEntry> = {
  getHealth: { public: true, cases: [{ expect: everyone(200), request: () => ({ url: '/api/health' }) }] },
  getOpenApi: { public: true, cases: [{ expect: everyone(200), request: () => ({ url: '/api/openapi.json' }) }] },
};
