import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const annuaire = (name: string) => fileURLToPath(new URL(`../../../../fixtures/annuaire/${name}`, import.meta.url));

interface LyceeRow {
  uai: string;
  academie: string;
  region: string;
  lng?: number;
  codeDept?: string;
  /** GT or Pro: a lycée polyvalent has a line of each. */
  type?: string;
  /** Candidates at the baccalauréat: the file's only measure of a lycée's size. */
  presents?: number | null;
}

export function lyceesFile(keep: (l: LyceeRow) => boolean): { bytes: Uint8Array; rows: LyceeRow[] } {
  const json = JSON.parse(readFileSync(annuaire('lycees-2025.json'), 'utf8')) as { meta: unknown; lycees: LyceeRow[] };
  const rows = json.lycees.filter(keep);
  return { bytes: Buffer.from(JSON.stringify({ meta: json.meta, lycees: rows })), rows };
}

/** The collèges of some départements, from the national geolocation CSV (header kept, BOM kept). */
export function collegesFile(departmentCodes: string[]): Uint8Array {
  const text = readFileSync(annuaire('fr-en-adresse-et-geolocalisation-colleges.csv'), 'utf8');
  const lines = text.split('\r\n');
  const header = lines[0].replace(/^\uFEFF/, '').split(';');
  const column = header.indexOf('code_departement');
  const kept = lines.slice(1).filter((line) => departmentCodes.includes(line.split(';')[column]));
  return Buffer.from('\uFEFF' + [lines[0].replace(/^\uFEFF/, ''), ...kept].join('\r\n') + '\r\n');
}
