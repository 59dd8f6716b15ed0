/** Ministry nomenclatures shared by the formats, mapped to the values Cohérence stores. */

export const sectors = { PUBLIC: 'public', PRIVE: 'private' } as const;

export const priorityEducations = { REP: 'REP', 'REP+': 'REP+' } as const;

import { contractTypeLabels, type ContractType } from '../../../shared/establishments.js';

/** Stored contract types and their labels are written once, in src/shared (pages and exports show them). */
export { contractTypeLabels, type ContractType };

/** The ministry's "code type contrat privé" (99 = sans objet). */
const contractByMinistryCode: Record<string, ContractType> = {
  '10': 'outside-contract',
  '20': 'simple',
  '21': 'simple-partial',
  '30': 'association',
  '31': 'association-partial',
};

export function contractTypeFromCode(sector: 'public' | 'private', code: string): ContractType | null {
  if (sector === 'public') return null;
  return contractByMinistryCode[code.trim()] ?? null;
}

/** Annuaire `etat` labels: open, or open until it closes; not yet open or closed → false. */
export const openStates = { OUVERT: true, 'A FERMER': true, 'A OUVRIR': false, FERME: false } as const;

/** Géolocalisation `etat_etablissement` codes: 1 ouvert, 2 à fermer, 3 à ouvrir, 4 fermé. */
export const openStateCodes = { '1': true, '2': true, '3': false, '4': false } as const;

/** INSEE form of a département code: the ministry's "035" → "35", "02A" → "2A", "971" stays. */
export function departmentCode(raw: string | null): string | null {
  const code = raw?.trim().toUpperCase() ?? '';
  if (code === '') return null;
  return code.length === 3 && code.startsWith('0') ? code.slice(1) : code;
}

/** Address lines joined on one line, blanks dropped. */
export function joinAddress(...parts: (string | null)[]): string | null {
  const kept = parts.map((p) => p?.trim() ?? '').filter((p) => p !== '');
  return kept.length ? kept.join(', ') : null;
}
