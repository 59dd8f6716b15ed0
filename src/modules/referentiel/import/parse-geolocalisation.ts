import type { EstablishmentRecord } from '../establishment-record.js';
import { checkUai } from '../uai.js';
import { academies } from './academies.js';
import { columnIndex, type ColumnIndex } from './csv-layouts.js';
import { csvRowReader, type CsvRowReader } from './csv-row-reader.js';
import { contractTypeFromCode, departmentCode, joinAddress, openStateCodes, sectors } from './establishment-codes.js';
import { rejectedRow, type ParsedRow } from './parsed-row.js';
import type { CsvRow, CsvTable } from '../../../server/platform/csv/read-csv.js';

/** The « adresse et géolocalisation des établissements » export: every row is a school. */
export function parseGeolocalisation(table: CsvTable): ParsedRow[] {
  return geolocalisationRowParser(table.header)(table.rows);
}

/** Parses the rows of one file given in successive batches. */
export function geolocalisationRowParser(header: string[]): (rows: CsvRow[]) => ParsedRow[] {
  const index = columnIndex(header);
  return (rows) => rows.map((row) => parseRow(row, index));
}

function parseRow(row: CsvRow, index: ColumnIndex): ParsedRow {
  const read = csvRowReader(row.fields, index);
  const checked = checkUai(read.raw('numero_uai'));
  const uai = checked.ok ? checked.uai : read.raw('numero_uai').trim();
  if (row.problem) return rejectedRow(row.line, uai, [`Ligne mal formée : ${row.problem}.`]);
  if (!checked.ok) return rejectedRow(row.line, uai, [checked.message]);
  const record = toRecord(uai, read);
  if (read.errors.length) return rejectedRow(row.line, uai, read.errors);
  return { line: row.line, uai, status: 'valid', record };
}

/**
 * The official name; when the ministry left it blank (collèges « à ouvrir » are not named yet),
 * the main denomination and patronym, else the nature and the commune.
 */
function nameOf(read: CsvRowReader): string {
  const official = read.text('appellation_officielle');
  if (official) return official;
  const denomination = read.text('denomination_principale') ?? read.text('nature_uai_libe') ?? 'Établissement';
  const patronym = read.text('patronyme_uai');
  return patronym ? `${denomination} ${patronym}` : `${denomination} sans nom officiel (${read.text('libelle_commune') ?? 'commune inconnue'})`;
}

/** The post-office box column holds the number only (« 720 »). */
function postBox(read: CsvRowReader): string | null {
  const box = read.text('boite_postale_uai');
  return box && /^\d/.test(box) ? `BP ${box}` : box;
}

function toRecord(uai: string, read: CsvRowReader): EstablishmentRecord {
  const sector = read.choice('secteur_public_prive_libe', sectors) ?? 'public';
  const academyCode = read.text('code_academie');
  return {
    uai,
    name: nameOf(read),
    natureCode: read.text('nature_uai'),
    natureLabel: read.text('nature_uai_libe'),
    sector,
    contractType: contractTypeFromCode(sector, read.raw('secteur_prive_code_type_contrat')),
    academyCode,
    academyName: (academyCode && academies[academyCode]) || read.text('libelle_academie'),
    departmentCode: departmentCode(read.text('code_departement')),
    communeCode: read.text('code_commune'),
    communeName: read.text('libelle_commune'),
    postalCode: read.text('code_postal_uai'),
    address: joinAddress(read.raw('adresse_uai'), read.raw('lieu_dit_uai'), postBox(read)),
    latitude: read.decimal('latitude', -90, 90),
    longitude: read.decimal('longitude', -180, 180),
    pupils: null,
    priorityEducation: null,
    tracks: [],
    isOpen: read.choice('etat_etablissement', openStateCodes) ?? true,
    phone: null,
    email: null,
  };
}
