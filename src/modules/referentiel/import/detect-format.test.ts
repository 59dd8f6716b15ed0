import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { fixtureText } from '../../../test/annuaire-fixtures.js';
import { detectFormat } from './detect-format.js';

function refusal(text: string): AppError {
  try {
    detectFormat(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const headerOf = (name: 'annuaire' | 'geolocalisation') => fixtureText(name).replace(/^\uFEFF/, '').split('\r\n')[0];

describe('detectFormat', () => {
  it('recognises the three real files by their content', () => {
    expect(detectFormat(headerOf('annuaire')).format).toBe('annuaire');
    expect(detectFormat(headerOf('geolocalisation')).format).toBe('geolocalisation');
    const json = detectFormat(fixtureText('lycees'));
    expect(json.format).toBe('lycees-json');
    if (json.format === 'lycees-json') expect(json.json.lycees).toHaveLength(4360);
  });

  it('accepts a header re-saved with commas or other letter case', () => {
    expect(detectFormat(headerOf('geolocalisation').replaceAll(';', ',').toUpperCase()).format).toBe('geolocalisation');
  });

  it('refuses an unknown CSV and lists the accepted formats', () => {
    const error = refusal('nom;prenom;classe\r\nDupont;Marie;6e A\r\n');
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toContain('Format de fichier non reconnu');
    expect(error.message).toContain("l'annuaire de l'éducation");
    expect(error.message).toContain('adresse et géolocalisation');
    expect(error.message).toContain('JSON');
  });

  it('refuses a JSON without a « lycees » list', () => {
    expect(refusal('{"colleges": []}').message).toContain('« lycees »');
    expect(refusal('[1, 2]').message).toContain('Format de fichier non reconnu');
  });

  it('names the missing columns', () => {
    const header = headerOf('annuaire')
      .split(';')
      .filter((c) => c !== 'Nombre_d_eleves' && c !== 'latitude')
      .join(';');
    const error = refusal(header);
    expect(error.message).toContain("annuaire de l'éducation");
    expect(error.message).toContain('les colonnes : Nombre_d_eleves, latitude');
    expect(error.details).toEqual({ format: 'annuaire', missingColumns: ['Nombre_d_eleves', 'latitude'] });
  });

  it('says a cut JSON file looks truncated, and locates other JSON errors', () => {
    const text = fixtureText('lycees');
    expect(refusal(text.slice(0, 100_000)).message).toContain('semble tronqué');
    expect(refusal('{"lycees": [1,, 2]}').message).toContain('mal formé');
    expect(refusal('{"lycees": [1 2], "meta": {}}').message).toContain('mal formé ligne 1, colonne 15');
  });
});
