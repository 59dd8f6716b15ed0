import type { ParsedRow } from './parsed-row.js';

/** A UAI met again later in the same file: the later row is rejected, the first one kept. */
export function rejectDuplicates(rows: ParsedRow[]): ParsedRow[] {
  return duplicateRejecter()(rows);
}

/** rejectDuplicates over a file given in successive batches: the UAIs met are remembered across them. */
export function duplicateRejecter(): (rows: ParsedRow[]) => ParsedRow[] {
  const firstLine = new Map<string, number>();
  return (rows) => rows.map((row) => {
    if (row.status === 'skipped' || !/^[0-9]{7}[A-Z]$/.test(row.uai)) return row;
    const first = firstLine.get(row.uai);
    if (first === undefined) {
      firstLine.set(row.uai, row.line);
      return row;
    }
    return {
      line: row.line,
      uai: row.uai,
      status: 'rejected',
      reason: `UAI ${row.uai} en double : il figure déjà ligne ${first} du fichier ; cette ligne n'est pas importée.`,
    };
  });
}
