import { AppError } from '../../../server/platform/errors.js';
import { detectFormat } from './detect-format.js';
import { parseAnnuaire, type ParseOptions } from './parse-annuaire.js';
import { parseGeolocalisation } from './parse-geolocalisation.js';
import { parseLyceesJson } from './parse-lycees-json.js';
import type { EstablishmentFileFormat, ParsedRow } from './parsed-row.js';
import { readCsv } from '../../../server/platform/csv/read-csv.js';
import { readText } from '../../../server/platform/csv/read-text.js';
import { rejectDuplicates } from './reject-duplicates.js';

export interface ParsedEstablishmentFile {
  format: EstablishmentFileFormat;
  rows: ParsedRow[];
}

/**
 * Reads an establishment file in any accepted format. Throws AppError('UNPROCESSABLE') when the
 * whole file must be refused (encoding, unknown format, missing columns, truncation); otherwise
 * returns one row per establishment, valid, rejected (with the reason) or skipped.
 */
export function parseEstablishmentFile(bytes: Uint8Array, options: ParseOptions = {}): ParsedEstablishmentFile {
  const text = readText(bytes);
  const detected = detectFormat(text);
  if (detected.format === 'lycees-json') {
    return { format: detected.format, rows: nonEmpty(parseLyceesJson(detected.json.lycees)) };
  }
  const table = readCsv(text);
  const rows = detected.format === 'annuaire' ? parseAnnuaire(table, options) : parseGeolocalisation(table);
  return { format: detected.format, rows: nonEmpty(rejectDuplicates(rows)) };
}

function nonEmpty(rows: ParsedRow[]): ParsedRow[] {
  if (rows.length === 0) {
    throw new AppError('UNPROCESSABLE', "Le fichier ne contient aucun établissement : seul l'en-tête est présent.");
  }
  return rows;
}
