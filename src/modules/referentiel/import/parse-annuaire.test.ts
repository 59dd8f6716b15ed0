import { describe, expect, it } from 'vitest';
import { editAnnuaire, fixtureBytes, setCell } from '../../../test/annuaire-fixtures.js';
import { parseEstablishmentFile } from './parse-establishment-file.js';
import type { ParsedRow } from './parsed-row.js';

const count = (rows: ParsedRow[], status: ParsedRow['status']) => rows.filter((r) => r.status === status).length;
const find = (rows: ParsedRow[], uai: string) => rows.find((r) => r.uai === uai)!;

describe('annuaire de l’éducation (Ille-et-Vilaine, 996 rows)', () => {
  const { format, rows } = parseEstablishmentFile(fixtureBytes('annuaire'));

  it('keeps the schools and skips the 47 services and the 3 repeated multi-line rows', () => {
    expect(format).toBe('annuaire');
    expect(rows).toHaveLength(996);
    expect(count(rows, 'valid')).toBe(946);
    expect(count(rows, 'rejected')).toBe(0);
    const skipped = rows.filter((r) => r.status === 'skipped');
    expect(skipped.filter((r) => r.reason!.startsWith('Pas un établissement scolaire'))).toHaveLength(47);
    expect(skipped.filter((r) => r.reason!.includes('plusieurs lignes'))).toHaveLength(3);
    expect(find(rows, '0352072M').record!.name).toBe('Lycée professionnel Institution Saint Malo la Providence');
    expect(rows.find((r) => r.line === 940)).toMatchObject({ uai: '0352072M', status: 'skipped' });
    expect(rows.find((r) => r.line === 940)!.reason).toContain('ligne 139');
  });

  it('imports the services too with includeNonSchools, as public', () => {
    const all = parseEstablishmentFile(fixtureBytes('annuaire'), { includeNonSchools: true }).rows;
    expect(count(all, 'valid')).toBe(993);
    const rectorat = all.find((r) => r.record?.natureCode === '802')!;
    expect(rectorat.record).toMatchObject({ sector: 'public', natureLabel: 'RECTORAT' });
  });

  it('maps every useful column of a known school', () => {
    expect(find(rows, '0350122T')).toEqual({
      line: 2,
      uai: '0350122T',
      status: 'valid',
      record: {
        uai: '0350122T',
        name: 'Ecole primaire publique les Lucioles',
        natureCode: '151',
        natureLabel: 'ECOLE DE NIVEAU ELEMENTAIRE',
        sector: 'public',
        contractType: null,
        academyCode: '14',
        academyName: 'Rennes',
        departmentCode: '35',
        communeCode: '35016',
        communeName: 'Baulon',
        postalCode: '35580',
        address: '6 rue PHILIPPE',
        latitude: 47.98614492070133,
        longitude: -1.9294895003671315,
        pupils: 143,
        priorityEducation: null,
        tracks: [],
        isOpen: true,
        phone: '0299853802',
        email: 'ecole.0350122T@ac-rennes.fr',
      },
    });
  });

  it('reads education priority, private contracts, tracks and state', () => {
    const records = rows.filter((r) => r.record).map((r) => r.record!);
    expect(records.filter((r) => r.priorityEducation === 'REP')).toHaveLength(50);
    expect(records.filter((r) => r.priorityEducation === 'REP+')).toHaveLength(6);
    expect(records.filter((r) => r.contractType === 'association')).toHaveLength(329);
    expect(records.filter((r) => r.contractType === 'outside-contract')).toHaveLength(34);
    expect(find(rows, '0351962T').record).toMatchObject({ sector: 'private', tracks: ['vocational', 'agricultural'] });
    expect(find(rows, '0352072M').record!.address).toBe('2 rue du collège, CS 31863');
    expect(records.filter((r) => r.tracks.includes('general'))).toHaveLength(36);
  });

  it('rejects a wrong check letter, non-numeric pupils and out-of-range coordinates, naming the column', () => {
    const bytes = editAnnuaire((header, data) => {
      setCell(header, data, '0350122T', 'Identifiant_de_l_etablissement', '0350122U');
      setCell(header, data, '0350165P', 'Nombre_d_eleves', 'abc');
      setCell(header, data, '0350192U', 'latitude', '123.5');
      setCell(header, data, '0350196Y', 'Appartenance_Education_Prioritaire', 'ZEP');
    });
    const edited = parseEstablishmentFile(bytes).rows;
    expect(count(edited, 'rejected')).toBe(4);
    expect(edited[0]).toMatchObject({ line: 2, uai: '0350122U', status: 'rejected' });
    expect(edited[0].reason).toBe('UAI « 0350122U » invalide : la lettre de contrôle attendue est « T », pas « U ».');
    expect(find(edited, '0350165P').reason).toBe('Colonne « Nombre_d_eleves » : « abc » n\'est pas un nombre entier positif.');
    expect(find(edited, '0350192U').reason).toBe("Colonne « latitude » : 123.5 est hors de l'intervalle -90 à 90.");
    expect(find(edited, '0350196Y').reason).toContain('Colonne « Appartenance_Education_Prioritaire » : valeur « ZEP » inconnue');
  });

  it('keeps HTML and SQL in names verbatim, as text', () => {
    const name = `<script>alert("x")</script> Robert'); DROP TABLE establishments;--`;
    const bytes = editAnnuaire((header, data) => setCell(header, data, '0350122T', 'Nom_etablissement', `"${name.replaceAll('"', '""')}"`));
    expect(find(parseEstablishmentFile(bytes).rows, '0350122T').record!.name).toBe(name);
  });

  it('rejects the later row of a UAI met twice, and a row with a missing field', () => {
    const bytes = editAnnuaire((header, data) => {
      data.push([...data[5]]);
      data[10] = data[10].slice(0, 60);
    });
    const edited = parseEstablishmentFile(bytes).rows;
    const last = edited[edited.length - 1];
    expect(last).toMatchObject({ line: 998, uai: data5Uai(), status: 'rejected' });
    expect(last.reason).toContain('en double');
    expect(last.reason).toContain('ligne 7');
    expect(edited.find((r) => r.line === 12)!.reason).toContain('60 champs au lieu de 69');
  });

  it('refuses the whole file when it is cut in the middle of a row', () => {
    const bytes = fixtureBytes('annuaire');
    expect(() => parseEstablishmentFile(bytes.subarray(0, 300_000))).toThrow(/semble tronqué : la dernière ligne \(ligne \d+\) est incomplète/);
  });
});

function data5Uai(): string {
  return new TextDecoder().decode(fixtureBytes('annuaire')).split('\r\n')[6].split(';')[0];
}
