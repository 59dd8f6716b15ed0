/** One line of a benchmark table: the measured value beside its floor or target, and ok/KO. */
export interface BenchRow {
  measure: string;
  value: string;
  target: string;
  /** null: a measure shown for information, with no target. */
  ok: boolean | null;
}

export function printTable(title: string, rows: BenchRow[]): void {
  const cells = rows.map((r) => [r.measure, r.value, r.target, r.ok === null ? '' : r.ok ? 'ok' : 'KO']);
  const head = ['mesure', 'valeur', 'plancher / cible', 'ok'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n'));
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
export const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
