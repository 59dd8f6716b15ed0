import { authzMatrix as coreMatrix, type MatrixEntry } from './authz-matrix.js';

/**
 * Every entry of the authorization matrix. Modules that grow many routes keep their entries in a
 * file of their own (src/test/authz-matrix-<area>.ts, built with the helpers that authz-matrix.ts
 * exports) and add it here.
 */
export const authzMatrix: Record<string, MatrixEntry> = {
  ...coreMatrix,
};
