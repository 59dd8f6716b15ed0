import type { EstablishmentRecord } from '../establishment-record.js';
import { checkUai } from '../uai.js';
import { academies } from './academies.js';
import { columnIndex, type ColumnIndex } from './csv-layouts.js';
import { csvRowReader, type CsvRowReader } from './csv-row-reader.js';
import {
  contractTypeFromCode,
  departmentCode,
  joinAddress,
  openStates,
  priorityEducations,
  sectors,
} from './establishment-codes.js';
import { rejectedRow, skippedRow, type ParsedRow } from './parsed-row.js';
import type { CsvRow, CsvTable } from '../../../server/platform/csv/read-csv.js';

export interface ParseOptions {
  includeNonSchools?: boolean;
}

/**
 * Rows of the directory that are not schools: inspection offices, rectorat and DSDEN services
 * (Type_etablissement « Service Administratif », natures 80x) and guidance centres (« Information
 * et orientation », CIO 841). Médico-social institutes, EREA and MFR teach pupils: they are schools.
 */
const nonSchoolTypes = new Set(['service administratif', 'information et orientation']);

export function isSchool(type: string, natureCode: string): boolean {
  return !nonSchoolTypes.has(type.trim().toLowerCase()) && !natureCode.trim().startsWith('8');
}

const flag = { '0': false, '1': true };

export function parseAnnuaire(table: CsvTable, options: ParseOptions = {}): ParsedRow[] {
  return annuaireRowParser(table.header, options)(table.rows);
}

/** Parses the rows of one file given in successive batches (a UAI's first line is remembered across them). */
export function annuaireRowParser(header: string[], options: ParseOptions = {}): (rows: CsvRow[]) => ParsedRow[] {
  const index = columnIndex(header);
  const firstLineOf = new Map<string, number>();
  return (rows) => rows.map((row) => parseRow(row, index, options, firstLineOf));
}

function parseRow(row: CsvRow, index: ColumnIndex, options: ParseOptions, firstLineOf: Map<string, number>): ParsedRow {
  const read = csvRowReader(row.fields, index);
  const checked = checkUai(read.raw('Identifiant_de_l_etablissement'));
  const uai = checked.ok ? checked.uai : read.raw('Identifiant_de_l_etablissement').trim();
  if (row.problem) return rejectedRow(row.line, uai, [`Ligne mal formée : ${row.problem}.`]);
  const school = isSchool(read.raw('Type_etablissement'), read.raw('code_nature'));
  if (!school && !options.includeNonSchools) return skippedRow(row.line, uai, nonSchoolReason(read));
  if (!checked.ok) return rejectedRow(row.line, uai, [checked.message]);
  const first = firstLineOf.get(uai);
  if (read.raw('etablissement_multi_lignes').trim() === '1') {
    if (first !== undefined) return skippedRow(row.line, uai, multiLineReason(first));
    firstLineOf.set(uai, row.line);
  }
  const record = toRecord(uai, read, school);
  if (read.errors.length) return rejectedRow(row.line, uai, read.errors);
  return { line: row.line, uai, status: 'valid', record };
}

function nonSchoolReason(read: CsvRowReader): string {
  const type = read.text('Type_etablissement') ?? 'type non renseigné';
  const nature = [read.text('code_nature'), read.text('libelle_nature')].filter(Boolean).join(' ');
  return `Pas un établissement scolaire (${type}${nature ? `, nature ${nature}` : ''}) : non importé, sauf avec l'option « inclure les services et bureaux ».`;
}

function multiLineReason(first: number): string {
  return `Établissement décrit sur plusieurs lignes par l'annuaire (etablissement_multi_lignes = 1) : seule sa première ligne (ligne ${first}) est importée.`;
}

function tracksOf(read: CsvRowReader): string[] {
  const tracks: string[] = [];
  if (read.choice('Voie_generale', flag, false)) tracks.push('general');
  if (read.choice('Voie_technologique', flag, false)) tracks.push('technological');
  if (read.choice('Voie_professionnelle', flag, false)) tracks.push('vocational');
  if (read.choice('Lycee_Agricole', flag, false)) tracks.push('agricultural');
  return tracks;
}

function toRecord(uai: string, read: CsvRowReader, school: boolean): EstablishmentRecord {
  // Services have no public/private status in the directory: they belong to the State.
  const sector = read.choice('Statut_public_prive', sectors, school ? undefined : 'public') ?? 'public';
  const academyCode = read.text('Code_academie');
  return {
    uai,
    name: read.required('Nom_etablissement'),
    natureCode: read.text('code_nature'),
    natureLabel: read.text('libelle_nature'),
    sector,
    contractType: contractTypeFromCode(sector, read.raw('Code_type_contrat_prive')),
    academyCode,
    academyName: (academyCode && academies[academyCode]) || read.text('Libelle_academie'),
    departmentCode: departmentCode(read.text('Code_departement')),
    communeCode: read.text('Code_commune'),
    communeName: read.text('Nom_commune'),
    postalCode: read.text('Code postal'),
    address: joinAddress(read.raw('Adresse_1'), read.raw('Adresse_2')),
    latitude: read.decimal('latitude', -90, 90),
    longitude: read.decimal('longitude', -180, 180),
    pupils: read.count('Nombre_d_eleves'),
    priorityEducation: read.choice('Appartenance_Education_Prioritaire', priorityEducations, null) ?? null,
    tracks: tracksOf(read),
    isOpen: read.choice('etat', openStates) ?? true,
    phone: read.text('Telephone'),
    email: read.text('Mail'),
  };
}
