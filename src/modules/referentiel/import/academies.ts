import { columnKey } from './csv-layouts.js';

/**
 * The 30 académies and the 4 vice-rectorats, with the ministry's code, as listed in the
 * code_academie / libelle_academie columns of the « adresse et géolocalisation » export.
 */
export const academies: Record<string, string> = {
  '01': 'Paris',
  '02': 'Aix-Marseille',
  '03': 'Besançon',
  '04': 'Bordeaux',
  '06': 'Clermont-Ferrand',
  '07': 'Dijon',
  '08': 'Grenoble',
  '09': 'Lille',
  '10': 'Lyon',
  '11': 'Montpellier',
  '12': 'Nancy-Metz',
  '13': 'Poitiers',
  '14': 'Rennes',
  '15': 'Strasbourg',
  '16': 'Toulouse',
  '17': 'Nantes',
  '18': 'Orléans-Tours',
  '19': 'Reims',
  '20': 'Amiens',
  '22': 'Limoges',
  '23': 'Nice',
  '24': 'Créteil',
  '25': 'Versailles',
  '27': 'Corse',
  '28': 'La Réunion',
  '31': 'Martinique',
  '32': 'Guadeloupe',
  '33': 'Guyane',
  '40': 'Nouvelle Calédonie',
  '41': 'Polynésie Française',
  '42': 'Wallis et Futuna',
  '43': 'Mayotte',
  '44': 'Saint Pierre et Miquelon',
  '70': 'Normandie',
};

/** Spellings seen in real files that are not the official name (the lycée JSON drops some « nd »). */
const aliases: Record<string, string> = {
  normaie: '70',
  clermont_ferra: '06',
  reunion: '28',
  caen: '70',
  rouen: '70',
};

const byKey = new Map<string, string>([
  ...Object.entries(academies).map(([code, name]) => [columnKey(name), code] as [string, string]),
  ...Object.entries(aliases),
]);

/** Code and official name of an académie from its name, whatever its accents or case. */
export function academyByName(name: string | null): { code: string; name: string } | null {
  if (!name) return null;
  const key = columnKey(name);
  const code = byKey.get(key) ?? byKey.get(key.replace(/^academie_(de_|d_)?/, ''));
  return code ? { code, name: academies[code] } : null;
}
