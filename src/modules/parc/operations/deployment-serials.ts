import { AppError, type ErrorIssue } from '../../../server/platform/errors.js';
import { normalizeSerial } from '../inventory/match-keys.js';
import { cleanSerial } from '../inventory/placeholders.js';

/** A serial as the inventory's matching compares it: upper case, no spaces; null for a placeholder. */
export function serialKey(serial: string | null | undefined): string | null {
  return normalizeSerial(cleanSerial(serial?.trim() || null));
}

/**
 * The serials of a delivery note, as keys: every one must be a real serial (not "To be filled by
 * O.E.M.") and appear once; otherwise nothing is recorded and each bad line is named.
 */
export function deliverySerials(serials: string[]): string[] {
  const issues: ErrorIssue[] = [];
  const seen = new Map<string, number>();
  const keys: string[] = [];
  serials.forEach((raw, index) => {
    const key = serialKey(raw);
    if (key === null) {
      issues.push({ path: `serials.${index}`, message: `« ${raw.slice(0, 40)} » n'est pas un numéro de série utilisable (vide ou générique).` });
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ path: `serials.${index}`, message: `Le numéro de série ${key} figure déjà à la ligne ${first + 1}.` });
      return;
    }
    seen.set(key, index);
    keys.push(key);
  });
  if (issues.length) {
    throw new AppError('VALIDATION', `${issues.length} numéro(s) de série refusé(s) : rien n'a été enregistré.`, { issues: issues.slice(0, 100) });
  }
  return keys;
}
