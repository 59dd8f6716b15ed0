import { ensureWebBuilt } from './build';

/**
 * Vitest globalSetup for the e2e project (`globalSetup: ['e2e/support/global-setup.ts']`): builds the
 * web once before any journey. Each journey file also calls ensureWebBuilt(), a no-op when up to date.
 */
export default function setup() {
  ensureWebBuilt();
}
