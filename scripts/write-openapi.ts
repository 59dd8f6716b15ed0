import { writeFileSync } from 'node:fs';
import { generateOpenApi, openApiPath } from './openapi-document.js';

/** npm run openapi: writes openapi.json at the repository root from the routes' schemas. */
const text = await generateOpenApi();
writeFileSync(openApiPath, text);
const document = JSON.parse(text) as { paths?: Record<string, Record<string, unknown>> };
const operations = Object.values(document.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`openapi.json écrit : ${operations} opérations.`);
