import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { editAnnuaire, fixtureText, setCell, utf8 } from '../../../test/annuaire-fixtures.js';
import { readLineIndex, scanLines, shortHash, summaryOf, writeLineIndex, type KnownLines } from './known-lines.js';
import { parseEstablishmentFile } from './parse-establishment-file.js';
import type { ParsedRow } from './parsed-row.js';
import { recordHash } from './record-hash.js';
import { sameAsStored } from '../db/import-lines.js';

/** What an import of `bytes` leaves as known lines (import-establishments.ts stores the same). */
function knownAfter(bytes: Uint8Array, options: { includeNonSchools?: boolean } = {}): KnownLines {
  const { rows } = parseEstablishmentFile(bytes, { ...options, known: new Map() });
  const known: KnownLines = new Map();
  for (const row of rows) {
    if (row.status === 'valid' && row.lineHash) known.set(row.lineHash, { uai: row.uai, recordHash: recordHash(row.record!).slice(0, 22), summary: summaryOf(row.record!) });
  }
  return known;
}

/** The rows as the report and the writes see them: a known line must read as its full parse. */
function expectSameAsFullParse(bytes: Uint8Array, known: KnownLines, options: { includeNonSchools?: boolean } = {}): ParsedRow[] {
  const full = parseEstablishmentFile(bytes, options).rows;
  const fast = parseEstablishmentFile(bytes, { ...options, known }).rows;
  expect(fast.map(({ line, uai, status, reason }) => ({ line, uai, status, reason }))).toEqual(full.map(({ line, uai, status, reason }) => ({ line, uai, status, reason })));
  fast.forEach((row, i) => {
    if (!row.unchanged) return expect(row.record).toEqual(full[i].record);
    const record = full[i].record!;
    expect(recordHash(record)).toMatch(new RegExp(`^${row.unchanged.recordHash.replace(/[-]/g, '\\-')}`));
    const { name, natureCode, academyCode, departmentCode, communeCode } = record;
    expect(row.unchanged.summary).toEqual({ name, natureCode, academyCode, departmentCode, communeCode });
  });
  return fast;
}

const original = utf8(fixtureText('annuaire'));
const unchangedCount = (rows: ParsedRow[]) => rows.filter((r) => r.unchanged).length;

describe('known lines: a re-import reads an identical line as unchanged, and every row as the full parse does', () => {
  const known = knownAfter(original);

  it('the same file: every valid line known but the last and those of a UAI on several lines, read like the full parse', () => {
    const full = parseEstablishmentFile(original).rows;
    const lines = new Map<string, number>();
    for (const row of full) lines.set(row.uai, (lines.get(row.uai) ?? 0) + 1);
    const valid = full.filter((r) => r.status === 'valid');
    const alone = valid.filter((r) => lines.get(r.uai) === 1 && r !== valid.at(-1) && r !== full.at(-1));
    const rows = expectSameAsFullParse(original, known);
    expect(alone.length).toBeGreaterThan(900);
    expect(rows.filter((r) => r.unchanged).map((r) => r.line)).toEqual(alone.map((r) => r.line));
  });

  it('changed, broken, doubled and multi-line rows parsed again, in their place, with their reasons', () => {
    const schools = parseEstablishmentFile(original).rows.filter((r) => r.status === 'valid').map((r) => r.uai);
    const [renamed, broken, quoted, doubled, multi] = [schools[3], schools[10], schools[20], schools[30], schools[40]];
    const bytes = editAnnuaire((header, rows) => {
      setCell(header, rows, renamed, 'Nom_etablissement', 'Lycée renommé');
      setCell(header, rows, broken, 'Nombre_d_eleves', 'beaucoup');
      setCell(header, rows, quoted, 'Adresse_1', '"2 ; rue ""des"" Lilas"');
      // the same line again (a duplicate), and a known row become the first of two lines of one establishment
      const at = rows.findIndex((r) => r[0] === doubled);
      rows.splice(at + 3, 0, [...rows[at]]);
      setCell(header, rows, multi, 'etablissement_multi_lignes', '1');
      rows.splice(rows.findIndex((r) => r[0] === multi) + 5, 0, [...rows.find((r) => r[0] === multi)!]);
    });
    const rows = expectSameAsFullParse(bytes, known);
    const outcome = (uai: string) => rows.filter((r) => r.uai === uai).map((r) => [r.status, r.unchanged !== undefined]);
    expect(outcome(renamed)).toEqual([['valid', false]]);
    expect(outcome(broken)).toEqual([['rejected', false]]);
    expect(outcome(quoted)).toEqual([['valid', false]]);
    expect(outcome(doubled)).toEqual([
      ['valid', false],
      ['rejected', false],
    ]);
    expect(outcome(multi)).toEqual([
      ['valid', false],
      ['skipped', false],
    ]);
    expect(unchangedCount(rows)).toBeGreaterThan(900);
  });

  it('LF line ends, a blank line and a quoted field on two lines: same rows, same numbers', () => {
    const text = fixtureText('annuaire').replaceAll('\r\n', '\n');
    const lines = text.split('\n');
    lines.splice(20, 0, '');
    const quoted = lines[30].split(';');
    quoted[4] = '"1 rue\nsur deux lignes"';
    lines[30] = quoted.join(';');
    const rows = expectSameAsFullParse(utf8(lines.join('\n')), known);
    expect(unchangedCount(rows)).toBeGreaterThan(900);
  });

  it('a file cut short is refused with the full reader’s message', () => {
    const text = fixtureText('annuaire');
    const cut = utf8(text.slice(0, text.lastIndexOf(';', text.length - 200)));
    const refusal = (options: object) => {
      try {
        parseEstablishmentFile(cut, options);
      } catch (error) {
        return (error as AppError).message;
      }
      return null;
    };
    expect(refusal({})).toMatch(/semble tronqué/);
    expect(refusal({ known })).toBe(refusal({}));
  });

  it('a file that is not UTF-8 past its first 64 KiB is refused as the full reader refuses it', () => {
    const bytes = original.slice();
    const at = bytes.indexOf(0xc3, 200_000); // the first byte of an accented letter, far from the head
    bytes[at] = 0xe9;
    bytes[at + 1] = 0x3b;
    const refusal = (options: object) => {
      try {
        parseEstablishmentFile(bytes, options);
      } catch (error) {
        return (error as AppError).message;
      }
      return null;
    };
    expect(at).toBeGreaterThan(200_000);
    expect(refusal({})).toMatch(/pas encodé en UTF-8/);
    expect(refusal({ known })).toBe(refusal({}));
  });

  it('lines read under other options or by a changed parser are not taken as known', () => {
    expect(unchangedCount(expectSameAsFullParse(original, known, { includeNonSchools: true }))).toBe(0);
    // stored records that the lines no longer give (as after a parser change): the sample catches it
    const drifted: KnownLines = new Map([...known].map(([hash, line]) => [hash, { ...line, recordHash: 'x'.repeat(22) }]));
    expect(unchangedCount(expectSameAsFullParse(original, drifted))).toBe(0);
  });
});

describe('line hashes taken on the bytes', () => {
  it('are the hashes of the context and the decoded line, as stored by earlier imports', () => {
    const text = `Identifiant;Nom\r\n0350026B;Lycée « Château »\r\n0350027C;"Collège ""Ker""; Île"\r\n0350028D;"sur\ndeux lignes"\r\n`;
    const scanned = scanLines(utf8(`\uFEFF${text}`), 'ctx');
    expect(scanned.header.text).toBe('Identifiant;Nom\r');
    expect(scanned.numbers).toEqual([2, 3, 4, 5]);
    expect(scanned.hashes).toEqual([shortHash('ctx0350026B;Lycée « Château »'), shortHash('ctx0350027C;"Collège ""Ker""; Île"'), undefined, undefined]);
  });
});

describe('the stored index of known lines', () => {
  const summary = { name: 'Lycée Chateaubriand', natureCode: '300', academyCode: '14', departmentCode: '35', communeCode: null };
  const entry = { uai: '0350026B', lineHash: 'h'.repeat(22), recordHash: 'r'.repeat(43), summary };

  it('keeps a line while its establishment still holds the record the line gave', () => {
    const text = writeLineIndex([entry, { ...entry, uai: '0350027C', lineHash: 'g'.repeat(22), summary: { ...summary, name: 'Nom\tà tabulation' } }]);
    expect(readLineIndex(text, new Map([['0350026B', 'r'.repeat(43)]]))).toEqual(new Map([['h'.repeat(22), { uai: '0350026B', recordHash: 'r'.repeat(22), summary }]]));
    // updated since by another file, or gone: not known any more
    expect(readLineIndex(text, new Map([['0350026B', 's'.repeat(43)]])).size).toBe(0);
    expect(readLineIndex(text, new Map()).size).toBe(0);
    expect(readLineIndex('', new Map()).size).toBe(0);
  });

  it('needs no rewrite only when an import gives back each stored line, and no other', () => {
    const other = { ...entry, uai: '0350027C', lineHash: 'g'.repeat(22) };
    const current = new Map([
      ['0350026B', 'r'.repeat(43)],
      ['0350027C', 'r'.repeat(43)],
    ]);
    const text = writeLineIndex([entry, other]);
    const stored = { known: readLineIndex(text, current), count: 2 };
    expect(sameAsStored([other, entry], stored)).toBe(true);
    expect(sameAsStored([entry], stored)).toBe(false);
    expect(sameAsStored([entry, { ...other, recordHash: 's'.repeat(43) }], stored)).toBe(false);
    expect(sameAsStored([entry, { ...other, lineHash: 'f'.repeat(22) }], stored)).toBe(false);
    expect(sameAsStored([entry, other], { ...stored, count: 3 })).toBe(false);
  });
});
