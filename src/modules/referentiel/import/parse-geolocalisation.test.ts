import { describe, expect, it } from 'vitest';
import { fixtureText, utf8 } from '../../../test/annuaire-fixtures.js';
import { parseEstablishmentFile } from './parse-establishment-file.js';

describe('adresse et géolocalisation (7,654 collèges)', () => {
  const { format, rows } = parseEstablishmentFile(utf8(fixtureText('geolocalisation')));
  const records = rows.map((r) => r.record!);

  it('reads every row as a valid collège', () => {
    expect(format).toBe('geolocalisation');
    expect(rows).toHaveLength(7654);
    expect(rows.every((r) => r.status === 'valid')).toBe(true);
  });

  it('counts the collèges of Hauts-de-France and Grand Est by académie code', () => {
    expect(records.filter((r) => r.academyCode === '09' || r.academyCode === '20')).toHaveLength(680);
    expect(records.filter((r) => ['12', '15', '19'].includes(r.academyCode!))).toHaveLength(617);
  });

  it('maps sector, contract, state and coordinates', () => {
    expect(records.filter((r) => r.sector === 'private')).toHaveLength(2237);
    expect(records.filter((r) => r.contractType === 'association')).toHaveLength(1670);
    expect(records.filter((r) => r.contractType === 'simple')).toHaveLength(5);
    expect(records.filter((r) => !r.isOpen)).toHaveLength(13); // « A OUVRIR »
    expect(records.filter((r) => r.latitude === null)).toHaveLength(147);
    expect(rows.find((r) => r.uai === '0592886S')!.record).toEqual({
      uai: '0592886S',
      name: 'Collège privé Pascal',
      natureCode: '340',
      natureLabel: 'COLLEGE',
      sector: 'private',
      contractType: 'association',
      academyCode: '09',
      academyName: 'Lille',
      departmentCode: '59',
      communeCode: '59512',
      communeName: 'Roubaix',
      postalCode: '59100',
      address: '2 rue de la Sagesse',
      latitude: 50.68954712102181,
      longitude: 3.175910611533584,
      pupils: null,
      priorityEducation: null,
      tracks: [],
      isOpen: true,
      phone: null,
      email: null,
    });
  });

  it('reads quoted names with doubled quotes, and names the collèges the ministry left unnamed', () => {
    expect(rows.find((r) => r.uai === '0241357V')!.record!.name).toBe('Collège privé "Maison Jacques Sevin"');
    expect(rows.find((r) => r.uai === '0741835T')!.record!.name).toBe('COLLEGE sans nom officiel (Vétraz-Monthoux)');
    expect(rows.find((r) => r.uai === '0342580V')!.record!.name).toBe('COLLEGE sans nom officiel (Maraussan)');
  });

  it('turns the post-office box number into « BP n »', () => {
    const withBox = records.find((r) => r.address?.includes(', BP '));
    expect(withBox).toBeDefined();
  });
});
