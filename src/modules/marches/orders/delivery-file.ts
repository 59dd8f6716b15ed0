import { readCsv } from '../../../server/platform/csv/read-csv.js';
import { readText } from '../../../server/platform/csv/read-text.js';
import { AppError, type ErrorIssue } from '../../../server/platform/errors.js';
import type { DeliveryInput } from './operations/order.input.js';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
const serialHeaders = ['serial', 'serie', 'numerodeserie', 'nserie', 'ndeserie', 'sn', 'serialnumber'];
const itemHeaders = ['code', 'article', 'codearticle', 'referencearticle', 'reference', 'item'];
const classHeaders = ['type', 'classe', 'class', 'categorie'];

/**
 * A supplier's delivery file (CSV, « ; » or « , », UTF-8 or Windows-1252): one row per device with
 * the price item's code and the serial. Rows are grouped per item into a delivery; every bad row is
 * reported by its line number, and one bad row refuses the file (nothing is recorded).
 */
export function deliveryFromFile(bytes: Uint8Array, codes: Map<string, string>): DeliveryInput & { rows: number } {
  const table = readCsv(readText(bytes));
  const headers = table.header.map(fold);
  const serialAt = headers.findIndex((h) => serialHeaders.includes(h));
  const itemAt = headers.findIndex((h) => itemHeaders.includes(h));
  const classAt = headers.findIndex((h) => classHeaders.includes(h));
  if (serialAt < 0 || itemAt < 0) {
    throw new AppError('UNPROCESSABLE', 'Le fichier doit avoir une colonne « code » (l’article du bordereau) et une colonne « numéro de série ».');
  }
  const issues: ErrorIssue[] = [];
  const byItem = new Map<string, { serials: string[]; assetClass?: string }>();
  for (const row of table.rows) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    if (row.problem) {
      issues.push({ path: `ligne ${row.line}`, message: row.problem });
      continue;
    }
    const code = row.fields[itemAt].trim();
    const serial = row.fields[serialAt].trim();
    const itemId = codes.get(code.toUpperCase());
    if (!itemId) {
      issues.push({ path: `ligne ${row.line}`, message: `L’article « ${code.slice(0, 40)} » ne figure pas sur la commande.` });
      continue;
    }
    if (!serial) {
      issues.push({ path: `ligne ${row.line}`, message: 'Numéro de série manquant.' });
      continue;
    }
    const entry = byItem.get(itemId) ?? { serials: [], assetClass: classAt >= 0 ? row.fields[classAt].trim() || undefined : undefined };
    entry.serials.push(serial);
    byItem.set(itemId, entry);
  }
  if (issues.length) throw new AppError('UNPROCESSABLE', `${issues.length} ligne(s) du fichier refusée(s) : rien n’a été enregistré.`, { issues: issues.slice(0, 500) });
  if (byItem.size === 0) throw new AppError('UNPROCESSABLE', 'Le fichier ne contient aucune ligne.');
  const lines = [...byItem].map(([priceItemId, e]) => ({ priceItemId, serials: e.serials, assetClass: e.assetClass }));
  return { lines, rows: lines.reduce((t, l) => t + l.serials.length, 0) };
}
