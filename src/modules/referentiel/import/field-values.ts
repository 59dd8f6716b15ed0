import { shown } from '../../../server/platform/csv/shown.js';

/**
 * Pure checks of one cell's value. `label` names the cell for the person reading the error:
 * « Colonne « latitude » » for CSV, « Champ « lat » » for JSON.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(error: string): Checked<T> => ({ ok: false, error });

export { shown };

/** Empty → null; otherwise a whole number ≥ 0. */
export function checkCount(label: string, raw: string): Checked<number | null> {
  const value = raw.trim();
  if (value === '') return ok(null);
  if (!/^\d{1,9}$/.test(value)) return fail(`${label} : « ${shown(value)} » n'est pas un nombre entier positif.`);
  return ok(Number(value));
}

/** Empty → null; a decimal number (point or comma) within [min, max]. */
export function checkDecimal(label: string, raw: string, min: number, max: number): Checked<number | null> {
  const value = raw.trim();
  if (value === '') return ok(null);
  const normalised = value.includes('.') ? value : value.replace(',', '.');
  if (!/^[-+]?\d+(\.\d+)?$/.test(normalised)) return fail(`${label} : « ${shown(value)} » n'est pas un nombre.`);
  return checkRange(label, Number(normalised), min, max);
}

export function checkRange(label: string, value: number, min: number, max: number): Checked<number> {
  if (!Number.isFinite(value) || value < min || value > max) {
    return fail(`${label} : ${shown(String(value))} est hors de l'intervalle ${min} à ${max}.`);
  }
  return ok(value);
}

/** A value from a closed list, compared without case or accents; empty → the `empty` value. */
export function checkChoice<T>(label: string, raw: string, choices: Record<string, T>, empty?: T): Checked<T> {
  const upper = raw.trim().toUpperCase();
  if (upper === '' && empty !== undefined) return ok(empty);
  if (Object.prototype.hasOwnProperty.call(choices, upper)) return ok(choices[upper]);
  const key = upper.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (Object.prototype.hasOwnProperty.call(choices, key)) return ok(choices[key]);
  const expected = Object.keys(choices).join(', ');
  return fail(`${label} : valeur « ${shown(raw.trim())} » inconnue (valeurs attendues : ${expected}).`);
}

export function textOrNull(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  return value === '' ? null : value;
}
