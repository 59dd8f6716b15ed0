import { existsSync, readFileSync } from 'node:fs';
import { generateOpenApi, generateWebSchema, openApiPath, webSchemaPath } from './openapi-document.js';

/** Run by npm test: the committed openapi.json must be the one the routes generate today. */
const fresh = await generateOpenApi();
const committed = existsSync(openApiPath) ? readFileSync(openApiPath, 'utf8') : null;
if (committed !== fresh) {
  const reason = committed === null ? 'openapi.json est absent' : firstDifference(committed, fresh);
  console.error(`openapi.json est périmé : lancez npm run openapi (${reason}).`);
  process.exit(1);
}
// the web client is typed from this file: types generated from an older document would let it drift
const types = await generateWebSchema(fresh);
const committedTypes = existsSync(webSchemaPath) ? readFileSync(webSchemaPath, 'utf8') : null;
if (committedTypes !== types) {
  const reason = committedTypes === null ? 'le fichier est absent' : firstDifference(committedTypes, types);
  console.error(`src/web/api/schema.d.ts est périmé : lancez npm run openapi (${reason}).`);
  process.exit(1);
}
console.log('openapi.json et les types du client web sont à jour.');

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return `première différence ligne ${i + 1} : « ${(left[i] ?? '').trim().slice(0, 80)} » au lieu de « ${(right[i] ?? '').trim().slice(0, 80)} »`;
    }
  }
  return 'fin de fichier différente';
}
