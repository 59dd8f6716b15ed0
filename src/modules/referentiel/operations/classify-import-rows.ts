import { outOfScopeReason, type Competence } from '../competence/competence.js';
import type { ParsedRow } from '../import/parsed-row.js';
import { recordHash } from '../import/record-hash.js';

export interface RowIssue {
  line: number;
  uai: string;
  reason: string;
}

/** A row the preview shows for an outcome: where it is in the file and what it names. */
export interface RowSample {
  line: number;
  uai: string;
  name: string;
}

export const previewSampleSize = 10;

/**
 * Splits the valid rows by the authority's competence: the rows it may hold, and the others with
 * their reason. Confirmed rows stay in the first list (and are still reported).
 */
export function splitByCompetence(
  rows: ParsedRow[],
  scope: { competence: Competence; confirmOutOfScope: boolean } | undefined,
): { kept: ParsedRow[]; outOfScope: RowIssue[] } {
  const valid = rows.filter((row) => row.status === 'valid');
  if (!scope) return { kept: valid, outOfScope: [] };
  const kept: ParsedRow[] = [];
  const outOfScope: RowIssue[] = [];
  // a national file has a few thousand distinct places and kinds for 66,000 rows: each decided once
  const decided = new Map<string, string | null>();
  for (const row of valid) {
    const place = row.record ?? row.unchanged!.summary;
    const key = `${place.natureCode ?? '\u0001'}\u0000${place.academyCode ?? '\u0001'}\u0000${place.departmentCode ?? '\u0001'}\u0000${place.communeCode ?? '\u0001'}`;
    let reason = decided.get(key);
    if (reason === undefined) decided.set(key, (reason = outOfScopeReason(place, scope.competence)));
    if (reason) outOfScope.push({ line: row.line, uai: row.uai, reason });
    if (!reason || scope.confirmOutOfScope) kept.push(row);
  }
  return { kept, outOfScope };
}

/**
 * What applying would do to each kept row, without writing: counts and the first rows of each.
 * `stored` maps the tenant's UAIs to their source hash; a known line is unchanged.
 */
export function previewOutcomes(rows: ParsedRow[], stored: Map<string, string | null>) {
  const outcome = (row: ParsedRow) =>
    row.unchanged ? 'unchanged' : !stored.has(row.uai) ? 'created' : stored.get(row.uai) === recordHash(row.record!) ? 'unchanged' : 'updated';
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const samples: Record<keyof typeof counts, RowSample[]> = { created: [], updated: [], unchanged: [] };
  for (const row of rows) {
    const kind = outcome(row);
    counts[kind] += 1;
    const name = row.record?.name ?? row.unchanged!.summary.name;
    if (samples[kind].length < previewSampleSize) samples[kind].push({ line: row.line, uai: row.uai, name });
  }
  return { counts, samples };
}
