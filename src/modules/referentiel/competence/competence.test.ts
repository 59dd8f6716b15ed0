import { describe, expect, it } from 'vitest';
import type { EstablishmentRecord } from '../establishment-record.js';
import { competenceOf, defaultCompetence, outOfScopeReason } from './competence.js';
import { familyOf } from './families.js';

const record = (natureCode: string, academyCode: string, departmentCode: string): EstablishmentRecord => ({
  uai: '0590001A', name: 'Essai', natureCode, natureLabel: null, sector: 'public', contractType: null, academyCode, academyName: null,
  departmentCode, communeCode: '59350', communeName: 'Lille', postalCode: null, address: null, latitude: null, longitude: null,
  pupils: null, priorityEducation: null, tracks: [], isOpen: true, phone: null, email: null,
});

describe('competence of an authority', () => {
  it('derives the territory from the code: a Région its académies, a Département its INSEE code', () => {
    expect(defaultCompetence({ kind: 'region', code: 'hauts-de-france', academyCode: null, settings: {} })).toMatchObject({ families: ['lycee', 'erea'], academyCodes: ['09', '20'] });
    expect(defaultCompetence({ kind: 'region', code: 'grand-est', academyCode: null, settings: {} }).academyCodes).toEqual(['12', '15', '19']);
    expect(defaultCompetence({ kind: 'departement', code: 'pas-de-calais', academyCode: null, settings: {} })).toMatchObject({ families: ['college'], departmentCodes: ['62'] });
    expect(defaultCompetence({ kind: 'commune', code: 'lille', academyCode: null, settings: {} }).families).toEqual(['ecole']);
  });

  it('prefers what the organization declared', () => {
    const declared = { families: ['college'], academyCodes: [], departmentCodes: ['59'], communeCodes: [] };
    expect(competenceOf({ kind: 'region', code: 'x', academyCode: null, settings: { competence: declared } })).toEqual({ competence: declared, declared: true });
  });

  it('names kinds by nature code and says why a row is out of scope', () => {
    expect(['101', '151', '340', '352', '300', '320', '370', '400', '241', '802'].map(familyOf)).toEqual(['ecole', 'ecole', 'college', 'college', 'lycee', 'lycee', 'erea', 'lycee', 'medico-social', 'autre']);
    const region = defaultCompetence({ kind: 'region', code: 'hauts-de-france', academyCode: null, settings: {} });
    expect(outOfScopeReason(record('306', '09', '59'), region)).toBeNull();
    expect(outOfScopeReason(record('340', '14', '35'), region)).toBe('Un collège n’est pas de la compétence de la collectivité ; académie 14 hors du territoire (09, 20)');
    const nord = defaultCompetence({ kind: 'departement', code: 'nord', academyCode: null, settings: {} });
    expect(outOfScopeReason(record('340', '09', '62'), nord)).toBe('Département 62 hors du territoire (59)');
  });
});
