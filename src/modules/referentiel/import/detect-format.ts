import { AppError } from '../../../server/platform/errors.js';
import { columnIndex, csvLayouts, missingColumns, type CsvLayout } from './csv-layouts.js';
import { detectDelimiter, firstLine } from '../../../server/platform/csv/read-csv.js';
import { readJson } from './read-json.js';

export type DetectedFormat = { format: 'lycees-json'; json: { lycees: unknown[] } } | { format: 'annuaire' | 'geolocalisation'; layout: CsvLayout };

export const acceptedFormats =
  "Formats acceptés : l'annuaire de l'éducation (CSV « fr-en-annuaire-education », 69 colonnes séparées par des points-virgules), l'adresse et géolocalisation des établissements (CSV « fr-en-adresse-et-geolocalisation-etablissements… », 35 colonnes), et la liste des lycées en JSON (un objet avec une liste « lycees »).";

function unknownFormat(what: string): AppError {
  return new AppError('UNPROCESSABLE', `Format de fichier non reconnu : ${what}. ${acceptedFormats}`);
}

/** Tells the format from the content (JSON object with `lycees`, or the CSV header), never from the file name. */
export function detectFormat(text: string): DetectedFormat {
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(text);
  return detectCsv(firstLine(text));
}

function detectJson(text: string): DetectedFormat {
  const json = readJson(text);
  if (json && typeof json === 'object' && !Array.isArray(json) && Array.isArray((json as { lycees?: unknown }).lycees)) {
    return { format: 'lycees-json', json: json as { lycees: unknown[] } };
  }
  throw unknownFormat("ce JSON n'est pas un objet contenant une liste « lycees »");
}

function detectCsv(headerLine: string): DetectedFormat {
  const header = headerLine.split(detectDelimiter(headerLine)).map((h) => h.replace(/^"|"$/g, ''));
  const index = columnIndex(header);
  const scored = csvLayouts.map((layout) => {
    const missing = missingColumns(layout, index);
    const hasKey = !missing.includes(layout.key);
    const present = 1 - missing.length / layout.required.length;
    return { layout, missing, recognised: hasKey || present >= 0.5, score: (hasKey ? 1 : 0) + present };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best.recognised) throw unknownFormat("la première ligne n'est l'en-tête d'aucun des formats connus");
  if (best.missing.length > 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `Le fichier ressemble au format ${best.layout.label}, mais il lui manque ${best.missing.length > 1 ? 'les colonnes' : 'la colonne'} : ${best.missing.join(', ')}. Aucune ligne n'a été importée : ajoutez ces colonnes ou importez l'export complet.`,
      { details: { format: best.layout.format, missingColumns: best.missing } },
    );
  }
  return { format: best.layout.format, layout: best.layout };
}
