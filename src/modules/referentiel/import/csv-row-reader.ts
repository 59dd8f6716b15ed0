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

/** Column names in code are a small fixed set: their keys and labels are computed once. */
const keys = new Map<string, string>();
const labels = new Map<string, string>();

function keyOf(column: string): string {
  let key = keys.get(column);
  if (key === undefined) keys.set(column, (key = columnKey(column)));
  return key;
}

function label(column: string): string {
  let text = labels.get(column);
  if (text === undefined) labels.set(column, (text = `Colonne « ${column} »`));
  return text;
}

class Reader implements CsvRowReader {
  readonly errors: string[] = [];

  constructor(
    private readonly fields: string[],
    private readonly index: ColumnIndex,
  ) {}

  raw(column: string): string {
    const i = this.index.get(keyOf(column));
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  text(column: string): string | null {
    return textOrNull(this.raw(column));
  }

  required(column: string): string {
    const value = textOrNull(this.raw(column));
    if (value === null) this.errors.push(`${label(column)} vide : elle est obligatoire.`);
    return value ?? '';
  }

  count(column: string): number | null {
    return this.take(checkCount(label(column), this.raw(column)), null);
  }

  decimal(column: string, min: number, max: number): number | null {
    return this.take(checkDecimal(label(column), this.raw(column), min, max), null);
  }

  choice<T>(column: string, choices: Record<string, T>, empty?: T): T | undefined {
    return this.take<T | undefined>(checkChoice(label(column), this.raw(column), choices, empty), undefined);
  }

  private take<T>(checked: Checked<T>, fallback: T): T {
    if (checked.ok) return checked.value;
    this.errors.push(checked.error);
    return fallback;
  }
}

export function csvRowReader(fields: string[], index: ColumnIndex): CsvRowReader {
  return new Reader(fields, index);
}
