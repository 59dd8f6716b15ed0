import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real open-data files copied in fixtures/annuaire (Licence Ouverte 2.0, see LICENCE.md there). */
export const fixtureFiles = {
  annuaire: 'fr-en-annuaire-education-ille-et-vilaine.csv',
  geolocalisation: 'fr-en-adresse-et-geolocalisation-colleges.csv',
  lycees: 'lycees-2025.json',
} as const;

export function fixtureBytes(name: keyof typeof fixtureFiles): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/annuaire/${fixtureFiles[name]}`, import.meta.url)));
}

export function fixtureText(name: keyof typeof fixtureFiles): string {
  return new TextDecoder().decode(fixtureBytes(name));
}

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/**
 * The Ille-et-Vilaine annuaire file (no quoted field in it) as rows of fields, edited, then
 * written back with its BOM and CRLF line ends.
 */
export function editAnnuaire(edit: (header: string[], rows: string[][]) => void): Uint8Array {
  const [head, ...lines] = fixtureText('annuaire').replace(/^\uFEFF/, '').replace(/\r\n$/, '').split('\r\n');
  const header = head.split(';');
  const rows = lines.map((line) => line.split(';'));
  edit(header, rows);
  return utf8(`\uFEFF${[header, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`);
}

/** Sets one cell of the row holding `uai`. */
export function setCell(header: string[], rows: string[][], uai: string, column: string, value: string): void {
  const row = rows.find((r) => r[0] === uai);
  if (!row) throw new Error(`no row ${uai}`);
  row[header.indexOf(column)] = value;
}
