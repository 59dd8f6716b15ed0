import { z } from 'zod';
import type { EstablishmentRecord } from '../establishment-record.js';
import { establishmentFamilies, familyOf, familySingular, type EstablishmentFamily } from './families.js';
import { departmentCodeOf, regionAcademyCodes } from './territories.js';

/**
 * What an authority may hold: kinds of establishment, and its territory. An empty territory list
 * sets no limit at that level; every non-empty one must match.
 */
export const competenceSchema = z.object({
  families: z.array(z.enum(establishmentFamilies)).min(1, 'Choisissez au moins un type d’établissement.'),
  academyCodes: z.array(z.string().trim().regex(/^[0-9]{2}$/, 'Code d’académie à deux chiffres (Lille : 09).')).default([]),
  departmentCodes: z.array(z.string().trim().toUpperCase().regex(/^([0-9]{2,3}|2A|2B)$/, 'Code de département INSEE (Nord : 59).')).default([]),
  communeCodes: z.array(z.string().trim().toUpperCase().regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code commune INSEE à cinq caractères.')).default([]),
});
export type Competence = z.infer<typeof competenceSchema>;

interface OrganizationLike {
  kind: string;
  code: string;
  academyCode: string | null;
  settings: unknown;
}

const familiesByKind: Record<string, EstablishmentFamily[]> = {
  region: ['lycee', 'erea'],
  departement: ['college'],
  commune: ['ecole'],
  metropole: ['ecole', 'college'],
  epci: ['ecole'],
};

/** The competence an authority gets from its kind and code, before it declares any. */
export function defaultCompetence(org: OrganizationLike): Competence {
  const department = org.kind === 'departement' ? departmentCodeOf(org.code) : null;
  const academies = org.kind === 'region' ? regionAcademyCodes(org.code) : [];
  return {
    families: familiesByKind[org.kind] ?? [...establishmentFamilies],
    academyCodes: academies.length ? academies : org.academyCode ? [org.academyCode] : [],
    departmentCodes: department ? [department] : [],
    communeCodes: [],
  };
}

/** The declared competence (organization settings), else the default. */
export function competenceOf(org: OrganizationLike): { competence: Competence; declared: boolean } {
  const declared = (org.settings as { competence?: unknown } | null)?.competence;
  const parsed = competenceSchema.safeParse(declared);
  return parsed.success ? { competence: parsed.data, declared: true } : { competence: defaultCompetence(org), declared: false };
}

/** Why a record is outside the competence, in French; null when the authority may hold it. */
export function outOfScopeReason(record: Pick<EstablishmentRecord, 'natureCode' | 'academyCode' | 'departmentCode' | 'communeCode'>, competence: Competence): string | null {
  const family = familyOf(record.natureCode);
  const reasons: string[] = [];
  if (!competence.families.includes(family)) reasons.push(`${capitalize(familySingular[family])} n’est pas de la compétence de la collectivité`);
  const outside = (label: string, value: string | null, allowed: string[]) => {
    if (allowed.length && (value === null || !allowed.includes(value))) reasons.push(`${label} ${value ?? 'non précisé(e)'} hors du territoire (${allowed.join(', ')})`);
  };
  outside('académie', record.academyCode, competence.academyCodes);
  outside('département', record.departmentCode, competence.departmentCodes);
  if (record.communeCode !== null || competence.communeCodes.length === 0) outside('commune', record.communeCode, competence.communeCodes);
  else reasons.push('commune non précisée : territoire limité à des communes');
  return reasons.length ? capitalize(reasons.join(' ; ')) : null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
