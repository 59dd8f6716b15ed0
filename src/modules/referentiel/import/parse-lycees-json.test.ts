import { describe, expect, it } from 'vitest';
import { fixtureBytes, utf8 } from '../../../test/annuaire-fixtures.js';
import { academyByName } from './academies.js';
import { parseEstablishmentFile } from './parse-establishment-file.js';

const lycees = (list: unknown[]) => parseEstablishmentFile(utf8(JSON.stringify({ meta: {}, lycees: list })));
const base = { uai: '0590018Z', nom: 'Lycee Jesse De Forest (general Et Techno.)', ville: 'Avesnes Sur Helpe', codeDept: '59', academie: 'Lille', secteur: 'public', type: 'GT', lat: 50.12, lng: 3.92, adresse: '15 avenue du Pont Rouge', codePostal: '59363' };

describe('lycées JSON (4,360 entries, 3,503 UAIs)', () => {
  const { format, rows } = parseEstablishmentFile(fixtureBytes('lycees'));
  const records = rows.map((r) => r.record!);

  it('merges the GT and Pro entries of a UAI into one establishment', () => {
    expect(format).toBe('lycees-json');
    expect(rows).toHaveLength(3503);
    expect(rows.every((r) => r.status === 'valid')).toBe(true);
    expect(records.filter((r) => r.natureCode === '306')).toHaveLength(857);
    expect(records.filter((r) => r.natureCode === '300')).toHaveLength(1489);
    expect(records.filter((r) => r.natureCode === '320')).toHaveLength(1157);
  });

  it('builds a polyvalent lycée from its two entries, without the track suffix in its name', () => {
    const row = rows.find((r) => r.uai === '0590018Z')!;
    expect(row.line).toBe(201);
    expect(row.record).toMatchObject({
      name: 'Lycee Jesse De Forest',
      natureCode: '306',
      natureLabel: 'LYCEE POLYVALENT',
      tracks: ['general', 'technological', 'vocational'],
      sector: 'public',
      academyCode: '09',
      academyName: 'Lille',
      departmentCode: '59',
      communeName: 'Avesnes Sur Helpe',
      pupils: null,
    });
  });

  it('finds the académie code from its name, even misspelt', () => {
    expect(records.filter((r) => r.academyCode === '09' || r.academyCode === '20')).toHaveLength(338);
    expect(records.filter((r) => ['12', '15', '19'].includes(r.academyCode!))).toHaveLength(301);
    expect(records.every((r) => r.academyCode !== null)).toBe(true);
    expect(academyByName('Normaie')).toEqual({ code: '70', name: 'Normandie' });
    expect(academyByName('Clermont-Ferra')).toEqual({ code: '06', name: 'Clermont-Ferrand' });
    expect(academyByName('Creteil')).toEqual({ code: '24', name: 'Créteil' });
    expect(academyByName('Atlantide')).toBeNull();
  });

  it('maps the private sector under contract', () => {
    expect(records.filter((r) => r.sector === 'private' && r.contractType === 'under-contract')).toHaveLength(1119);
  });

  it('rejects bad entries with a reason naming the field', () => {
    const { rows: parsed } = lycees([
      base,
      { ...base, type: 'Pro', nom: 'Lycee Jesse De Forest (professionnel)' },
      { ...base, type: 'GT' },
      { ...base, uai: '0590019B' },
      { ...base, uai: '0590020B', lat: 123 },
      { ...base, uai: '0590021C', type: 'BTS', lng: 'est' },
      'pas un objet',
    ]);
    expect(parsed.map((r) => [r.line, r.uai, r.status])).toEqual([
      [1, '0590018Z', 'valid'],
      [3, '0590018Z', 'rejected'],
      [4, '0590019B', 'rejected'],
      [5, '0590020B', 'rejected'],
      [6, '0590021C', 'rejected'],
      [7, '', 'rejected'],
    ]);
    expect(parsed[0].record!.tracks).toEqual(['general', 'technological', 'vocational']);
    expect(parsed[1].reason).toContain('la voie GT de cet établissement figure déjà à l\'élément n° 1');
    expect(parsed[2].reason).toContain('la lettre de contrôle attendue est « A », pas « B »');
    expect(parsed[3].reason).toBe("Champ « lat » : 123 est hors de l'intervalle -90 à 90.");
    expect(parsed[4].reason).toContain('Champ « type » : valeur « BTS » inconnue');
    expect(parsed[4].reason).toContain('Champ « lng » : « est » n\'est pas un nombre.');
  });

  it('refuses a cut JSON file as truncated', () => {
    expect(() => parseEstablishmentFile(fixtureBytes('lycees').subarray(0, 1_000_000))).toThrow(/semble tronqué/);
  });
});
