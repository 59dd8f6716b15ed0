import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { fixtureText, utf8 } from '../../../test/annuaire-fixtures.js';
import { parseEstablishmentFile } from './parse-establishment-file.js';

function refusal(bytes: Uint8Array): AppError {
  try {
    parseEstablishmentFile(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseEstablishmentFile: whole-file refusals', () => {
  it('refuses the real annuaire saved in Windows-1252, as Excel does', () => {
    const latin1 = Buffer.from(fixtureText('annuaire').replace(/^\uFEFF/, ''), 'latin1');
    const error = refusal(latin1);
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toMatch(/^Le fichier n'est pas encodé en UTF-8 : il semble enregistré en Windows-1252/);
    expect(error.message).toContain('ligne 2 : « degré »');
  });

  it('refuses random bytes', () => {
    const random = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256);
    expect(refusal(random).message).toContain("n'est pas un fichier texte");
  });

  it('refuses a file with the header only', () => {
    const header = fixtureText('geolocalisation').split('\r\n')[0];
    expect(refusal(utf8(`${header}\r\n`)).message).toContain('aucun établissement');
  });

  it('refuses a CSV whose quote never closes as truncated', () => {
    const text = fixtureText('geolocalisation');
    const cut = text.indexOf('"Collège privé ""Maison') + 10;
    expect(refusal(utf8(text.slice(0, cut))).message).toMatch(/semble tronqué : un guillemet ouvert ligne \d+ n'est jamais refermé/);
  });

  it('refuses missing columns, naming them', () => {
    const text = fixtureText('geolocalisation').replace('code_academie', 'academie');
    const error = refusal(utf8(text));
    expect(error.message).toContain('il lui manque la colonne : code_academie');
  });
});

describe('parseEstablishmentFile: formats by content', () => {
  it('reads a CSV with LF line ends and a JSON with leading blanks', () => {
    const lf = fixtureText('geolocalisation').replaceAll('\r\n', '\n');
    expect(parseEstablishmentFile(utf8(lf)).rows.filter((r) => r.status === 'valid')).toHaveLength(7654);
    const json = `\n  ${JSON.stringify({ lycees: [{ uai: '0590018Z', nom: 'Lycée', type: 'Pro', secteur: 'public' }] })}`;
    expect(parseEstablishmentFile(utf8(json))).toMatchObject({ format: 'lycees-json', rows: [{ uai: '0590018Z', status: 'valid' }] });
  });
});
