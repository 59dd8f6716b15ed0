import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateOpenApi, generateWebSchema, openApiPath, webSchemaPath } from './openapi-document.js';

/** npm run openapi: writes openapi.json at the repository root from the routes' schemas, then the web client's types. */
const text = await generateOpenApi();
writeFileSync(openApiPath, text);
mkdirSync(dirname(webSchemaPath), { recursive: true });
writeFileSync(webSchemaPath, await generateWebSchema(text));
const document = JSON.parse(text) as { paths?: Record<string, Record<string, unknown>> };
const operations = Object.values(document.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`openapi.json et src/web/api/schema.d.ts écrits : ${operations} opérations.`);
