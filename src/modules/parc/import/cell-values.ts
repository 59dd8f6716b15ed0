import { shown } from '../../../server/platform/csv/shown.js';
import { wordKey } from './asset-vocabulary.js';

/** One cell's value, or the French reason it was refused. */
export type Cell<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const fail = <T>(error: string): Cell<T> => ({ ok: false, error });

/**
 * A date as French spreadsheets write it (31/12/2025, 31-12-2025, 31.12.2025) or ISO
 * (2025-12-31, with or without a time) → YYYY-MM-DD. Two-digit years are refused: 01/09/24
 * could be 1924 as well as 2024 to a reader.
 */
export function parseDate(label: string, raw: string): Cell<string> {
  const text = raw.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const parts = french ? { d: +french[1], m: +french[2], y: +french[3] } : iso ? { d: +iso[3], m: +iso[2], y: +iso[1] } : null;
  if (!parts) {
    const hint = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(text) ? ' (écrivez l’année sur quatre chiffres)' : '';
    return fail(`${label} : « ${shown(text)} » n’est pas une date au format JJ/MM/AAAA ou AAAA-MM-JJ${hint}.`);
  }
  const date = new Date(Date.UTC(parts.y, parts.m - 1, parts.d));
  if (date.getUTCFullYear() !== parts.y || date.getUTCMonth() !== parts.m - 1 || date.getUTCDate() !== parts.d) {
    return fail(`${label} : le ${shown(text)} n’existe pas.`);
  }
  if (parts.y < 1980 || parts.y > 2100) return fail(`${label} : année ${parts.y} invraisemblable.`);
  return ok(date.toISOString().slice(0, 10));
}

/**
 * A price in euros: « 1 234,56 € », « 1234.56 », « 1.234,56 ». The last separator followed by
 * one or two digits is the decimal one; the others group thousands. « 1,500 » alone is refused:
 * 1 500 € to an English file, 1,50 € to a French reader.
 */
export function parsePrice(label: string, raw: string): Cell<number> {
  const text = raw.trim();
  const compact = text.replace(/[\s\u00a0\u202f€]|EUR$/gi, '');
  if (/^\d{1,3}[.,]\d{3}$/.test(compact)) {
    return fail(`${label} : « ${shown(text)} » est ambigu (milliers ou décimales ?) : écrivez par exemple ${compact.replace(/[.,]/, '')} ou ${compact.replace(/[.,](\d{2})\d$/, ',$1')}.`);
  }
  const m = /^(\d{1,3}(?:([.,])\d{3}(?:\2\d{3})*)?|\d+)(?:([.,])(\d{1,2}))?$/.exec(compact);
  if (!m || (m[2] && m[3] && m[2] === m[3])) {
    return fail(`${label} : « ${shown(text)} » n’est pas un montant en euros (exemples : 1249,90 ou 1 249,90 €).`);
  }
  const whole = m[1].replace(/[.,]/g, '');
  const value = Number(`${whole}.${m[4] ?? '0'}`);
  if (value > 999_999_999) return fail(`${label} : ${shown(text)} est hors de l’intervalle 0 à 999 999 999 €.`);
  return ok(value);
}

/** A value of a closed list, by code, French label or usual synonym, without case or accents. */
export function parseChoice<T>(label: string, raw: string, words: Map<string, T>, expected: string[]): Cell<T> {
  const value = words.get(wordKey(raw));
  if (value !== undefined) return ok(value);
  return fail(`${label} : valeur « ${shown(raw.trim())} » inconnue (valeurs attendues : ${expected.join(', ')}).`);
}
