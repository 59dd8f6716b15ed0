import { buildWebIfChanged } from '../../scripts/build-web';

/** Builds dist/web when its sources changed since the last build (the server serves that build). */
export function ensureWebBuilt() {
  buildWebIfChanged();
}
