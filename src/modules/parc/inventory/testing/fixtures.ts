import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../../server/platform/errors.js';
import { parseGlpiMessage } from '../glpi-request.js';
import type { InventoryReport } from '../inventory-report.js';
import { normalizeGlpiJson } from '../normalize-glpi-json.js';
import { validateGlpiInventory } from '../validate-glpi-json.js';

/** The real agent data copied in fixtures/inventory (see the README there for sources and licences). */
const root = fileURLToPath(new URL('../../../../../fixtures/inventory/', import.meta.url));

export function fixtureBytes(path: string): Buffer {
  return readFileSync(root + path);
}

export function fixtureText(path: string): string {
  return readFileSync(root + path, 'utf8');
}

export const glpiExamples = readdirSync(`${root}glpi-inventory-format/examples`)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => `glpi-inventory-format/examples/${f}`);

export const xmlExamples = readdirSync(`${root}glpi-inventory-format/xml`)
  .filter((f) => f.endsWith('.xml'))
  .sort()
  .map((f) => `glpi-inventory-format/xml/${f}`);

export const fusionFile = 'fusioninventory-debian12-vm.xml';

/** A GLPI Agent inventory (JSON text) as the endpoint reads it: parsed, validated against the schema, normalised. */
export function glpiReport(text: string): InventoryReport {
  const message = parseGlpiMessage(text);
  if (message.action === 'contact') throw new Error('not an inventory');
  return normalizeGlpiJson(validateGlpiInventory(message.document));
}

/** One of the official GLPI Agent examples (`computer_1.json`), as the endpoint reads it. */
export const glpiExampleReport = (file: string): InventoryReport => glpiReport(fixtureText(`glpi-inventory-format/examples/${file}`));

export interface CapturedExchange {
  file: string;
  request: { method: string; path: string; contentType: string; userAgent: string };
  reply: { status: number; contentType: string; body: string };
}

export const capturedExchanges = JSON.parse(fixtureText('agents/manifest.json')) as CapturedExchange[];

/** The AppError a call throws; fails the test when it throws nothing or something else. */
export function refusal(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal (AppError)');
}
