import { createHash } from 'node:crypto';
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

/** Hash of the normalised record: equal hashes mean an import has nothing to change. */
export function recordHash(record: EstablishmentRecord): string {
  const values = recordFields.map((field) => record[field] ?? null);
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url');
}

// Compile-time guard: every field of the record is hashed.
type Unhashed = Exclude<keyof EstablishmentRecord, (typeof recordFields)[number]>;
const allFieldsHashed: [Unhashed] extends [never] ? true : false = true;
void allFieldsHashed;
