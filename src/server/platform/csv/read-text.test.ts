import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { utf8 } from '../../../test/annuaire-fixtures.js';
import { decodeWindows1252, firstInvalidUtf8, readText } from './read-text.js';

function refusal(bytes: Uint8Array): AppError {
  try {
    readText(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readText', () => {
  it('decodes UTF-8 and strips the BOM', () => {
    expect(readText(utf8('\uFEFFCollège;Lycée'))).toBe('Collège;Lycée');
    expect(readText(utf8('École'))).toBe('École');
  });

  it('refuses Windows-1252 bytes, says so and tells how to fix it', () => {
    const bytes = Buffer.from('numero_uai;appellation_officielle\r\n0350001A;Collège Saint-Exupéry\r\n', 'latin1');
    const error = refusal(bytes);
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toContain("n'est pas encodé en UTF-8");
    expect(error.message).toContain('Windows-1252 / ISO-8859-1');
    expect(error.message).toContain('ligne 2');
    expect(error.message).toContain('« Collège »');
    expect(error.message).toContain('CSV UTF-8');
    expect(error.details).toEqual({ encoding: 'windows-1252', line: 2 });
  });

  it('reads the Windows-1252 punctuation Excel writes (’ €) in the example it shows', () => {
    expect(decodeWindows1252(Buffer.from([0x4c, 0x92, 0x80, 0xe9]))).toBe('L’€é');
    const error = refusal(Buffer.from([0x4c, 0x92, 0xe9, 0x63, 0x6f, 0x6c, 0x65]));
    expect(error.message).toContain('« L’école »');
  });

  it('refuses random bytes as not a text file', () => {
    let seed = 42;
    const random = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 0xff);
    expect(refusal(random).message).toContain("n'est pas un fichier texte");
    expect(refusal(Uint8Array.from([0x41, 0x00, 0x42])).message).toContain("n'est pas un fichier texte");
  });

  it('names Excel workbooks and UTF-16 text, which are not what to send', () => {
    expect(refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14])).message).toContain('classeur Excel');
    expect(refusal(Uint8Array.from([0xff, 0xfe, 0x41, 0x00])).message).toContain('UTF-16');
  });

  it('refuses a file cut in the middle of a character as truncated', () => {
    const bytes = utf8('Collège');
    const error = refusal(bytes.subarray(0, 5)); // "Coll" + first byte of "è"
    expect(error.message).toContain('semble tronqué');
  });

  it('refuses an empty file', () => {
    expect(refusal(new Uint8Array()).message).toBe('Le fichier est vide.');
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(utf8('abc'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from('ab\xe9c', 'latin1'))).toBe(2);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc3, 0xa9, 0xff]))).toBe(3);
  });
});
