/**
 * Kinds of establishment an authority may hold, from the ministry's nature code: écoles are the
 * communes', collèges the Départements', lycées and EREA the Régions' (Code de l'éducation,
 * L212-1, L213-1, L214-1).
 */
import { type EstablishmentFamily } from '../../../shared/establishment-families.js';

export { establishmentFamilies, familyLabels, type EstablishmentFamily } from '../../../shared/establishment-families.js';

/** Singular, for a row's reason. */
export const familySingular: Record<EstablishmentFamily, string> = {
  ecole: 'une école',
  college: 'un collège',
  lycee: 'un lycée',
  erea: 'un EREA',
  'medico-social': 'un établissement médico-social',
  autre: 'un établissement d’un autre type',
};

export function familyOf(natureCode: string | null): EstablishmentFamily {
  const code = Number(natureCode ?? '');
  if (!Number.isFinite(code) || code === 0) return 'autre';
  if (code >= 100 && code < 200) return 'ecole';
  if (code >= 200 && code < 300) return 'medico-social';
  if (code === 340 || code === 349 || code === 350 || code === 352) return 'college';
  if (code === 370) return 'erea';
  // 300–339: lycées and their sections; 400: schools of STS and classes préparatoires, in lycées
  if ((code >= 300 && code < 340) || code === 400) return 'lycee';
  return 'autre';
}
