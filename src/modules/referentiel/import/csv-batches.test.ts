import { describe, expect, it } from 'vitest';
import { firstLine, readCsv } from '../../../server/platform/csv/read-csv.js';
import { fixtureText } from '../../../test/annuaire-fixtures.js';
import { readCsvBatches } from './csv-batches.js';

/** The file read by readCsvBatches in chunks of `chunkBytes`: its header and rows, or the message of its refusal. */
function batched(text: string, chunkBytes: number) {
  try {
    const table = readCsvBatches(Buffer.from(text, 'utf8'), 0, firstLine(text), chunkBytes);
    const rows = [];
    for (const batch of table.batches()) rows.push(...batch);
    return { delimiter: table.delimiter, header: table.header, rows };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

function whole(text: string) {
  try {
    return readCsv(text);
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

const chunkSizes = [1, 7, 64, 1000, 1 << 20];

function expectSameAsReadCsv(text: string) {
  const expected = whole(text);
  for (const size of chunkSizes) expect(batched(text, size), `chunks of ${size} bytes`).toEqual(expected);
}

// records spanning lines, doubled quotes, a delimiter inside quotes, blank lines, a quote inside an unquoted field
const tricky = [
  'uai;nom;adresse',
  '0350001A;"Lycée ""Chateaubriand""";"2 rue',
  'suite ; fin"',
  '',
  '0350002B;Collège d"Armor;3 rue',
  '0350003C;"École',
  '',
  'des Lilas";"a;b"',
  '0350004D;trop;de;champs',
  '0350005E;Dernier;"fin"',
].join('\r\n');

describe('readCsvBatches: a CSV read a chunk at a time gives what readCsv gives for the whole text', () => {
  it('the real files, whatever the chunk size', () => {
    expectSameAsReadCsv(fixtureText('geolocalisation').slice(0, 200_000).replace(/\r\n[^\n]*$/, '\r\n'));
    expectSameAsReadCsv(fixtureText('annuaire').replace(/^\uFEFF/, '').slice(0, 100_000).replace(/\r\n[^\n]*$/, '\r\n'));
  });

  it('records spanning lines and chunks, with their numbers, and a row of the wrong width', () => {
    expectSameAsReadCsv(tricky);
    expectSameAsReadCsv(`${tricky}\n`);
    expectSameAsReadCsv(tricky.replaceAll('\r\n', '\n'));
    const rows = (batched(tricky, 7) as { rows: { line: number }[] }).rows;
    expect(rows.map((r) => r.line)).toEqual([2, 5, 6, 9, 10]);
  });

  it('the same refusals: a quote never closed, a short last row, nothing but blank lines', () => {
    expectSameAsReadCsv(`${tricky}\r\n0350006F;"jamais fermé;x\r\n`);
    expectSameAsReadCsv(`${tricky}\r\n0350006F;court`);
    expectSameAsReadCsv('\r\n\r\n');
    expect(batched(`${tricky}\r\n0350006F;court`, 7)).toMatchObject({ refused: expect.stringContaining('la dernière ligne (ligne 11) est incomplète') });
    expect(batched(`${tricky}\r\n0350006F;"x\r\n`, 7)).toMatchObject({ refused: expect.stringContaining('un guillemet ouvert ligne 11') });
  });
});
