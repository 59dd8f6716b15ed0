import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/annuaire-fixtures.js';
import { splitCsv } from './split-csv.js';

describe('splitCsv', () => {
  it('splits plain lines, with CRLF or LF, skipping blank lines', () => {
    expect(splitCsv('a;b\r\n1;2\r\n\r\n3;\n', ';')).toEqual({
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
        { line: 4, fields: ['3', ''] },
      ],
      openQuoteLine: 0,
    });
  });

  it('reads quoted fields: delimiter, doubled quotes and line breaks inside', () => {
    const { records } = splitCsv('a;b;c\r\n"x;y";"dit ""oui""";"deux\r\nlignes"\r\n1;2;3', ';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x;y', 'dit "oui"', 'deux\r\nlignes'] },
      { line: 4, fields: ['1', '2', '3'] },
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(splitCsv('Lycée 5"x;b\r\n', ';').records[0].fields).toEqual(['Lycée 5"x', 'b']);
  });

  it('reports a quote that never closes', () => {
    expect(splitCsv('a;b\r\n1;"coupé', ';')).toEqual({ records: [{ line: 1, fields: ['a', 'b'] }], openQuoteLine: 2 });
  });

  it('reads both real files exactly as csv-parse does', () => {
    for (const name of ['annuaire', 'geolocalisation'] as const) {
      const text = fixtureText(name).replace(/^\uFEFF/, '');
      const expected = parse(text, { delimiter: ';' }) as string[][];
      const { records } = splitCsv(text, ';');
      expect(records.map((r) => r.fields)).toEqual(expected);
    }
  });
});
