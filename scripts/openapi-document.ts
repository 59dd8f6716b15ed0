import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/platform/db.js';

export const openApiPath = resolve(fileURLToPath(new URL('../openapi.json', import.meta.url)));
/** The web client's types, generated from the same document (never edited by hand). */
export const webSchemaPath = resolve(fileURLToPath(new URL('../src/web/api/schema.d.ts', import.meta.url)));

/** The TypeScript types of every path and operation, as openapi-typescript writes them. */
export async function generateWebSchema(openApiText: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(openApiText) as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

const methodOrder = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sortKeys(object: Record<string, Json>, compare?: (a: string, b: string) => number): Record<string, Json> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (compare ? compare(a, b) : a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The OpenAPI document as committed: paths sorted, methods in a fixed order, component schemas
 * sorted, so the file only changes when a route's contract does (not when registration order does).
 */
export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({}); // in-memory PGlite: building the app touches no table
  try {
    const app = await buildApp({ database, serveWeb: false });
    await app.ready();
    const document = JSON.parse(JSON.stringify(app.swagger())) as Record<string, Json>;
    await app.close();
    const paths = document.paths as Record<string, Record<string, Json>> | undefined;
    if (paths) {
      document.paths = sortKeys(
        Object.fromEntries(
          Object.entries(paths).map(([path, item]) => [
            path,
            sortKeys(item as Record<string, Json>, (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)),
          ]),
        ),
      );
    }
    const components = document.components as Record<string, Json> | undefined;
    if (components) {
      document.components = sortKeys(
        Object.fromEntries(
          Object.entries(components).map(([key, value]) => [
            key,
            value && typeof value === 'object' && !Array.isArray(value) ? sortKeys(value) : value,
          ]),
        ),
      );
    }
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await database.close();
  }
}

function rank(method: string): number {
  const index = methodOrder.indexOf(method);
  return index === -1 ? methodOrder.length : index;
}
