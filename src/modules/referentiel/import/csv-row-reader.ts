import { columnKey, type ColumnIndex } from './csv-layouts.js';
import { checkChoice, checkCount, checkDecimal, textOrNull, type Checked } from './field-values.js';

/** Reads the cells of one CSV row by column name, collecting French errors instead of throwing. */
export interface CsvRowReader {
  readonly errors: string[];
  raw(column: string): string;
  text(column: string): string | null;
  required(column: string): string;
  count(column: string): number | null;
  decimal(column: string, min: number, max: number): number | null;
  choice<T>(column: string, choices: Record<string, T>, empty?: T): T | undefined;
}

const label = (column: string) => `Colonne « ${column} »`;

export function csvRowReader(fields: string[], index: ColumnIndex): CsvRowReader {
  const errors: string[] = [];
  const raw = (column: string) => {
    const i = index.get(columnKey(column));
    return i === undefined ? '' : (fields[i] ?? '');
  };
  const take = <T>(checked: Checked<T>, fallback: T): T => {
    if (checked.ok) return checked.value;
    errors.push(checked.error);
    return fallback;
  };
  return {
    errors,
    raw,
    text: (column) => textOrNull(raw(column)),
    required(column) {
      const value = textOrNull(raw(column));
      if (value === null) errors.push(`${label(column)} vide : elle est obligatoire.`);
      return value ?? '';
    },
    count: (column) => take(checkCount(label(column), raw(column)), null),
    decimal: (column, min, max) => take(checkDecimal(label(column), raw(column), min, max), null),
    choice: <T>(column: string, choices: Record<string, T>, empty?: T) =>
      take<T | undefined>(checkChoice(label(column), raw(column), choices, empty), undefined),
  };
}
