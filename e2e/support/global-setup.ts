import type { TestProject } from 'vitest/node';
import { buildServer } from '../../scripts/build-server';
import { ensureWebBuilt } from './build';
import { prepareDemo, type DemoData } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDemo: DemoData;
  }
}

/**
 * Vitest globalSetup for the e2e project: builds the web once before any journey (each journey
 * file also calls ensureWebBuilt(), a no-op when up to date), transpiles the server to build/ (every
 * journey's server runs that, about a second to build against seconds of tsx start-up per server),
 * and seeds the demo once, that each journey's server starts from a copy of (useApp). Removes the
 * demo after the run.
 */
export default async function setup(project: TestProject) {
  ensureWebBuilt();
  await buildServer();
  const { demo, remove } = await prepareDemo();
  project.provide('e2eDemo', demo);
  return remove;
}
