import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { isSchool } from '../src/modules/referentiel/import/parse-annuaire.js';
import { uaiCheckLetter } from '../src/modules/referentiel/uai.js';

const source = fileURLToPath(new URL('../fixtures/annuaire/fr-en-annuaire-education-ille-et-vilaine.csv', import.meta.url));

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A national-size file in the annuaire layout (69 columns, `;`, BOM, CRLF): the Ille-et-Vilaine
 * rows over and over, each with a new valid UAI (right check letter) and a varied name.
 * `changeEvery: 20` renames one school in 20 (a newer file changing 5 % of rows). `schoolsOnly`
 * repeats only the rows of schools: 47 of the 996 source rows are services (DSDEN, inspection
 * offices, CIO) that an import leaves out, so without it 60,000 rows give 57,174 schools.
 */
export function generateAnnuaireFile(rowCount: number, options: { changeEvery?: number; schoolsOnly?: boolean } = {}): Uint8Array {
  const [header, ...all] = parse(readFileSync(source), { bom: true, delimiter: ';' }) as string[][];
  const typeColumn = header.indexOf('Type_etablissement');
  const natureColumn = header.indexOf('code_nature');
  const rows = options.schoolsOnly ? all.filter((row) => isSchool(row[typeColumn], row[natureColumn])) : all;
  const uaiColumn = header.indexOf('Identifiant_de_l_etablissement');
  const nameColumn = header.indexOf('Nom_etablissement');
  const mailColumn = header.indexOf('Mail');
  const lines = [header.map(csvField).join(';')];
  for (let i = 0; i < rowCount; i++) {
    const row = [...rows[i % rows.length]];
    const digits = String(1_000_000 + i).padStart(7, '0');
    const uai = `${digits}${uaiCheckLetter(digits)}`;
    row[uaiColumn] = uai;
    row[nameColumn] = `${row[nameColumn]} (site ${Math.floor(i / rows.length) + 1})`;
    if (options.changeEvery && i % options.changeEvery === 0) row[nameColumn] = `${row[nameColumn]} – rénové`;
    if (row[mailColumn]) row[mailColumn] = `ce.${uai.toLowerCase()}@ac-exemple.fr`;
    lines.push(row.map(csvField).join(';'));
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
