import { hash } from 'node:crypto';
import type { EstablishmentRecord } from '../establishment-record.js';

/** The record's fields in a fixed order: the hash must not depend on how a parser built the object. */
export const recordFields = [
  'uai',
  'name',
  'natureCode',
  'natureLabel',
  'sector',
  'contractType',
  'academyCode',
  'academyName',
  'departmentCode',
  'communeCode',
  'communeName',
  'postalCode',
  'address',
  'latitude',
  'longitude',
  'pupils',
  'priorityEducation',
  'tracks',
  'isOpen',
  'phone',
  'email',
] as const satisfies readonly (keyof EstablishmentRecord)[];

/** Each value prefixed by its kind and length, so that no two records serialise alike. */
function serialise(value: unknown): string {
  if (value === null || value === undefined) return '~';
  if (typeof value === 'string') return `s${value.length}:${value}`;
  if (Array.isArray(value)) return `a${value.length}:${value.map(serialise).join('')}`;
  return `${typeof value === 'number' ? 'n' : 'b'}${String(value)};`;
}

/** Hash of the normalised record: equal hashes mean an import has nothing to change. */
export function recordHash(record: EstablishmentRecord): string {
  let text = '';
  for (const field of recordFields) text += serialise(record[field]);
  return hash('sha256', text, 'base64url');
}

// Compile-time guard: every field of the record is hashed.
type Unhashed = Exclude<keyof EstablishmentRecord, (typeof recordFields)[number]>;
const allFieldsHashed: [Unhashed] extends [never] ? true : false = true;
void allFieldsHashed;
