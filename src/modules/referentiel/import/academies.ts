import { columnKey } from './csv-layouts.js';
import { academies } from '../../../shared/academies.js';

/** The académies are written once, in src/shared (the web lists them too). */
export { academies };

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
