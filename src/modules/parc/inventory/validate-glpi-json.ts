import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AppError, type ErrorIssue } from '../../../server/platform/errors.js';

/**
 * GLPI Agent's JSON inventory, checked against the official schema (glpi-project/inventory_format,
 * MIT, copied in ./schema with its licence; fixtures/inventory holds the same file and a test
 * keeps the two identical). It types and checks the fields it knows and refuses unknown top-level
 * properties; the CONTACT answer announces the GLPI version it matches (glpi-replies.ts), so that
 * GLPI Agent keeps to that format.
 */
export interface GlpiInventory {
  deviceid: string;
  action?: string;
  itemtype?: string;
  partial?: boolean;
  tag?: string;
  content: Record<string, unknown>;
}

export const schemaUrl = new URL('./schema/inventory.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use (about 200 ms). */
function validator(): ValidateFunction {
  if (!compiled) {
    // Stops at the first error: a hostile document with an error in each of a million entries
    // must not produce a million error objects.
    // Not strict: the official schema has its own "version" keyword and leaves some "type"s out.
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv, ['ipv4', 'ipv6']);
    compiled = ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')) as object);
  }
  return compiled;
}

export function validateGlpiInventory(document: unknown): GlpiInventory {
  const validate = validator();
  if (validate(document)) return document as GlpiInventory;
  const issues = (validate.errors ?? []).slice(0, 5).map(describe);
  throw new AppError(
    'UNPROCESSABLE',
    `L'inventaire JSON ne respecte pas le format d'inventaire GLPI : ${issues.map((i) => `${i.path} ${i.message}`).join(' ; ')}.`,
    { issues },
  );
}

function describe(error: ErrorObject): ErrorIssue {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, message: `doit contenir la propriété « ${String(params.missingProperty)} »` };
    case 'additionalProperties':
      return { path, message: `contient une propriété inconnue « ${String(params.additionalProperty).slice(0, 60)} »` };
    case 'type':
      return { path, message: `doit être de type ${frenchType(String(params.type))}` };
    case 'pattern':
    case 'format':
      return { path, message: `a une valeur au format inattendu (${String(params.pattern ?? params.format)})` };
    case 'enum':
      return { path, message: `doit valoir l'une des valeurs ${JSON.stringify(params.allowedValues)}` };
    default:
      return { path, message: `ne respecte pas la règle « ${error.keyword} » du schéma` };
  }
}

function frenchType(type: string): string {
  const names: Record<string, string> = {
    string: 'texte',
    integer: 'nombre entier',
    number: 'nombre',
    boolean: 'booléen',
    object: 'objet',
    array: 'liste',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' ou ');
}
