import { checkUai } from '../uai.js';
import { checkChoice, checkDecimal, checkRange, shown, textOrNull, type Checked } from './field-values.js';

/** One entry of the lycée JSON list, checked. A UAI has one entry per track type (GT, Pro). */
export interface LyceeItem {
  uai: string;
  type: 'GT' | 'Pro';
  name: string;
  sector: 'public' | 'private';
  underContract: boolean;
  communeName: string | null;
  departmentCode: string | null;
  academy: string | null;
  address: string | null;
  postalCode: string | null;
  latitude: number | null;
  longitude: number | null;
}

export type ReadItem = { ok: true; item: LyceeItem } | { ok: false; uai: string; errors: string[] };

const types = { GT: 'GT', PRO: 'Pro' } as const;
const sectors = {
  PUBLIC: { sector: 'public', underContract: false },
  'PRIVE SOUS CONTRAT': { sector: 'private', underContract: true },
  PRIVE: { sector: 'private', underContract: false },
} as const;

const label = (field: string) => `Champ « ${field} »`;

/** The lycée JSON suffixes the name with its track type: « Lycee X (general Et Techno.) ». */
export function baseName(name: string): string {
  return name.replace(/\s*\((general et techno\.?|professionnel)\)\s*$/i, '').trim();
}

export function readLyceeItem(value: unknown): ReadItem {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, uai: '', errors: [`Élément ${shown(value)} : un objet est attendu.`] };
  }
  const item = value as Record<string, unknown>;
  const errors: string[] = [];
  const text = (field: string) => stringField(item, field, errors);
  const take = <T>(checked: Checked<T>, fallback: T): T => (checked.ok ? checked.value : (errors.push(checked.error), fallback));
  const rawUai = text('uai') ?? '';
  const uai = checkUai(rawUai);
  if (!uai.ok) return { ok: false, uai: rawUai.trim(), errors: [uai.message] };
  const name = baseName(text('nom') ?? '');
  if (!name) errors.push(`${label('nom')} vide : il est obligatoire.`);
  const type = take(checkChoice(label('type'), text('type') ?? '', types), 'GT' as const);
  const sector = take(checkChoice(label('secteur'), text('secteur') ?? '', sectors), sectors.PUBLIC);
  const latitude = take(coordinate(item, 'lat', 90), null);
  const longitude = take(coordinate(item, 'lng', 180), null);
  if (errors.length) return { ok: false, uai: uai.uai, errors };
  return {
    ok: true,
    item: {
      uai: uai.uai,
      type,
      name,
      sector: sector.sector,
      underContract: sector.underContract,
      communeName: text('ville'),
      departmentCode: text('codeDept'),
      academy: text('academie'),
      address: text('adresse'),
      postalCode: text('codePostal'),
      latitude,
      longitude,
    },
  };
}

/** A string field, or null when absent or empty; numbers are accepted as text (postal codes). */
function stringField(item: Record<string, unknown>, field: string, errors: string[]): string | null {
  const value = item[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    errors.push(`${label(field)} : ${shown(value)} n'est pas un texte.`);
    return null;
  }
  return textOrNull(value);
}

function coordinate(item: Record<string, unknown>, field: string, limit: number): Checked<number | null> {
  const value = item[field];
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value === 'number') return checkRange(label(field), value, -limit, limit);
  if (typeof value === 'string') return checkDecimal(label(field), value, -limit, limit);
  return { ok: false, error: `${label(field)} : ${shown(value)} n'est pas un nombre.` };
}
